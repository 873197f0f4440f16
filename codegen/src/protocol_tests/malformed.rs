//! TODO(protocol tests): lowering of the `malformed` cases.

use smithy_model::{Model, ShapeId};

use crate::Error;
use crate::ir::Service;

/// The `malformed` cases of one service.
#[derive(Clone, Debug, Default)]
pub struct Cases {}

/// Collects the cases.
pub fn lower(_model: &Model, _service: &ShapeId, _ir: &Service) -> Result<Cases, Error> {
    Ok(Cases {})
}
