//! The naming functions the generator uses (from [`crate::naming`]), in one place so the
//! generator's modules do not depend on which module provides them.

pub use crate::naming::{disambiguate, field_name, module_name, type_name, variant_name};
