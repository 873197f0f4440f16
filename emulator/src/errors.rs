//! The service errors the emulator produces, and their conversion into each operation's error
//! enum.

use ivschat::operation::create_chat_token::CreateChatTokenError;
use ivschat::operation::create_logging_configuration::CreateLoggingConfigurationError;
use ivschat::operation::create_room::CreateRoomError;
use ivschat::operation::delete_logging_configuration::DeleteLoggingConfigurationError;
use ivschat::operation::delete_message::DeleteMessageError;
use ivschat::operation::delete_room::DeleteRoomError;
use ivschat::operation::disconnect_user::DisconnectUserError;
use ivschat::operation::get_logging_configuration::GetLoggingConfigurationError;
use ivschat::operation::get_room::GetRoomError;
use ivschat::operation::list_logging_configurations::ListLoggingConfigurationsError;
use ivschat::operation::list_rooms::ListRoomsError;
use ivschat::operation::list_tags_for_resource::ListTagsForResourceError;
use ivschat::operation::send_event::SendEventError;
use ivschat::operation::tag_resource::TagResourceError;
use ivschat::operation::untag_resource::UntagResourceError;
use ivschat::operation::update_logging_configuration::UpdateLoggingConfigurationError;
use ivschat::operation::update_room::UpdateRoomError;
use ivschat::types::error::{
    ConflictException, ResourceNotFoundException, ServiceQuotaExceededException,
    ValidationException,
};
use ivschat::types::{ResourceType, ValidationExceptionField, ValidationExceptionReason};
use smithy_runtime::error::Unhandled;
use smithy_runtime::http::StatusCode;

use crate::arn::Kind;

/// An error of the emulator, named like the modeled error it becomes.
#[derive(Debug)]
#[allow(clippy::enum_variant_names)] // the variants are the model's error shape names
pub(crate) enum Fault {
    ResourceNotFoundException(ResourceNotFoundException),
    ValidationException(ValidationException),
    ServiceQuotaExceededException(ServiceQuotaExceededException),
    ConflictException(ConflictException),
}

impl Fault {
    /// `ResourceNotFoundException`; `resourceType` is `ROOM` for both kinds because the model's
    /// `ResourceType` enum has no other value.
    pub(crate) fn not_found(kind: Kind, id: &str) -> Fault {
        Fault::ResourceNotFoundException(ResourceNotFoundException {
            message: format!("{} `{id}` does not exist", kind.noun()),
            resource_id: id.to_string(),
            resource_type: ResourceType::Room,
            request_id: None,
        })
    }

    /// `ValidationException` for one field (`FIELD_VALIDATION_FAILED`).
    pub(crate) fn invalid(field: &str, why: impl Into<String>) -> Fault {
        let why = why.into();
        Fault::ValidationException(ValidationException {
            message: format!("1 validation error detected: {field}: {why}"),
            reason: ValidationExceptionReason::FieldValidationFailed,
            field_list: Some(vec![ValidationExceptionField {
                name: field.to_string(),
                message: why,
            }]),
            request_id: None,
        })
    }

    /// `ServiceQuotaExceededException`: there is no resource yet, so `resourceId` is the
    /// account the quota applies to.
    pub(crate) fn quota(kind: Kind, account: &str, limit: usize) -> Fault {
        Fault::ServiceQuotaExceededException(ServiceQuotaExceededException {
            message: format!(
                "the quota of {limit} {}s per account and region is reached",
                kind.noun()
            ),
            resource_id: account.to_string(),
            resource_type: ResourceType::Room,
            limit: i32::try_from(limit).unwrap_or(i32::MAX),
            request_id: None,
        })
    }

    /// `ConflictException` about the resource `id`.
    pub(crate) fn conflict(id: &str, why: String) -> Fault {
        Fault::ConflictException(ConflictException {
            message: why,
            resource_id: id.to_string(),
            resource_type: ResourceType::Room,
            request_id: None,
        })
    }

    /// For an operation whose model does not list this error (no operation of the emulator
    /// produces one, but the conversion must be total): the error as a service error.
    fn into_unhandled(self) -> Unhandled {
        let (status, code, message) = match self {
            Fault::ResourceNotFoundException(e) => (404, e.code(), e.message),
            Fault::ValidationException(e) => (400, e.code(), e.message),
            Fault::ServiceQuotaExceededException(e) => (402, e.code(), e.message),
            Fault::ConflictException(e) => (409, e.code(), e.message),
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Unhandled::service(status, Some(code.to_string()), Some(message), None)
    }
}

/// `From<Fault>` for operation error enums, mapping the variants the operation models and
/// making the rest `Unhandled`.
macro_rules! op_errors {
    ($($err:ident: $($variant:ident),+;)+) => {$(
        impl From<Fault> for $err {
            fn from(fault: Fault) -> Self {
                #[allow(unreachable_patterns)] // some operations model every Fault variant
                match fault {
                    $(Fault::$variant(e) => $err::$variant(e),)+
                    other => $err::Unhandled(other.into_unhandled()),
                }
            }
        }
    )+};
}

op_errors! {
    CreateChatTokenError: ResourceNotFoundException, ValidationException;
    CreateLoggingConfigurationError: ConflictException, ResourceNotFoundException,
        ServiceQuotaExceededException, ValidationException;
    CreateRoomError: ConflictException, ResourceNotFoundException, ServiceQuotaExceededException,
        ValidationException;
    DeleteLoggingConfigurationError: ConflictException, ResourceNotFoundException,
        ValidationException;
    DeleteMessageError: ResourceNotFoundException, ValidationException;
    DeleteRoomError: ResourceNotFoundException, ValidationException;
    DisconnectUserError: ResourceNotFoundException, ValidationException;
    GetLoggingConfigurationError: ResourceNotFoundException, ValidationException;
    GetRoomError: ResourceNotFoundException, ValidationException;
    ListLoggingConfigurationsError: ValidationException;
    ListRoomsError: ResourceNotFoundException, ValidationException;
    ListTagsForResourceError: ResourceNotFoundException, ValidationException;
    SendEventError: ResourceNotFoundException, ValidationException;
    TagResourceError: ResourceNotFoundException, ValidationException;
    UntagResourceError: ResourceNotFoundException, ValidationException;
    UpdateLoggingConfigurationError: ConflictException, ResourceNotFoundException,
        ValidationException;
    UpdateRoomError: ResourceNotFoundException, ValidationException;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unmodeled_fault_becomes_an_unhandled_service_error_with_code_and_status() {
        let err = GetRoomError::from(Fault::conflict("abc", "in use".to_string()));
        let GetRoomError::Unhandled(u) = err else {
            panic!("GetRoom does not model ConflictException: {err:?}");
        };
        assert_eq!(u.code(), Some("ConflictException"));
        assert_eq!(u.status(), Some(StatusCode::CONFLICT));
        assert_eq!(u.message(), Some("in use"));
    }

    #[test]
    fn modeled_faults_keep_their_variant() {
        let err = DeleteLoggingConfigurationError::from(Fault::conflict("abc", "x".into()));
        assert!(err.is_conflict_exception());
        let err = CreateRoomError::from(Fault::quota(Kind::Room, "123456789012", 7));
        let CreateRoomError::ServiceQuotaExceededException(e) = err else {
            panic!("{err:?}");
        };
        assert_eq!((e.limit, e.resource_id.as_str()), (7, "123456789012"));
    }

    #[test]
    fn quota_limit_saturates_instead_of_wrapping() {
        let Fault::ServiceQuotaExceededException(e) = Fault::quota(Kind::Room, "1", usize::MAX)
        else {
            unreachable!()
        };
        assert_eq!(e.limit, i32::MAX);
    }
}
