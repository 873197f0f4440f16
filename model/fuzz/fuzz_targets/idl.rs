//! Any text given to the IDL assembler yields a model or an error, and rendering the error
//! never panics either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smithy_model::idl::Assembler;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut a = Assembler::new();
    a.add_idl("fuzz.smithy", text);
    if let Err(e) = a.assemble() {
        let _ = a.render(&e);
    }
});
