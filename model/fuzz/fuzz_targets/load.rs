//! Any byte string given to the loader yields a model or an error, never a panic. A model that
//! loads is also walked through the accessors a generator uses, which must not panic either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smithy_model::Model;

fuzz_target!(|data: &[u8]| {
    let Ok(model) = Model::load_unvalidated(data) else {
        return;
    };
    let _ = model.validate();
    for shape in model.shapes() {
        let t = &shape.traits;
        let _ = (
            t.http(),
            t.paginated(),
            t.length(),
            t.range(),
            t.legacy_enum(),
        );
        let _ = (
            t.waiters(),
            t.endpoint_rules(),
            t.endpoint_test_cases(),
            t.examples(),
        );
        let _ = (
            t.aws_service(),
            t.rest_json1(),
            t.retryable(),
            t.deprecated(),
        );
        for m in shape.members() {
            let _ = (
                m.traits.default_value(),
                m.traits.enum_value(),
                m.traits.timestamp_format(),
            );
        }
    }
    for svc in model.services() {
        let _ = model.closure_of(&svc.id);
        for op in model.operations_of(&svc.id) {
            let _ = (model.paginated(&svc.id, &op), model.errors_of(&svc.id, &op));
        }
    }
});
