//! The 17 operations: `IvschatApi` for `Emulator`.
//!
//! Every operation does its work synchronously under one lock acquisition (no await while
//! locked) and checks everything before changing anything, so a failed request leaves the
//! state as it was.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ivschat::IvschatApi;
use ivschat::operation::create_chat_token::{
    CreateChatTokenError, CreateChatTokenInput, CreateChatTokenOutput,
};
use ivschat::operation::create_logging_configuration::{
    CreateLoggingConfigurationError, CreateLoggingConfigurationInput,
    CreateLoggingConfigurationOutput,
};
use ivschat::operation::create_room::{CreateRoomError, CreateRoomInput, CreateRoomOutput};
use ivschat::operation::delete_logging_configuration::{
    DeleteLoggingConfigurationError, DeleteLoggingConfigurationInput,
    DeleteLoggingConfigurationOutput,
};
use ivschat::operation::delete_message::{
    DeleteMessageError, DeleteMessageInput, DeleteMessageOutput,
};
use ivschat::operation::delete_room::{DeleteRoomError, DeleteRoomInput, DeleteRoomOutput};
use ivschat::operation::disconnect_user::{
    DisconnectUserError, DisconnectUserInput, DisconnectUserOutput,
};
use ivschat::operation::get_logging_configuration::{
    GetLoggingConfigurationError, GetLoggingConfigurationInput, GetLoggingConfigurationOutput,
};
use ivschat::operation::get_room::{GetRoomError, GetRoomInput, GetRoomOutput};
use ivschat::operation::list_logging_configurations::{
    ListLoggingConfigurationsError, ListLoggingConfigurationsInput, ListLoggingConfigurationsOutput,
};
use ivschat::operation::list_rooms::{ListRoomsError, ListRoomsInput, ListRoomsOutput};
use ivschat::operation::list_tags_for_resource::{
    ListTagsForResourceError, ListTagsForResourceInput, ListTagsForResourceOutput,
};
use ivschat::operation::send_event::{SendEventError, SendEventInput, SendEventOutput};
use ivschat::operation::tag_resource::{TagResourceError, TagResourceInput, TagResourceOutput};
use ivschat::operation::untag_resource::{
    UntagResourceError, UntagResourceInput, UntagResourceOutput,
};
use ivschat::operation::update_logging_configuration::{
    UpdateLoggingConfigurationError, UpdateLoggingConfigurationInput,
    UpdateLoggingConfigurationOutput,
};
use ivschat::operation::update_room::{UpdateRoomError, UpdateRoomInput, UpdateRoomOutput};
use ivschat::types::{
    ChatTokenCapability, CreateLoggingConfigurationState, DestinationConfiguration, FallbackResult,
    LoggingConfigurationState, LoggingConfigurationSummary, MessageReviewHandler, RoomSummary,
    UpdateLoggingConfigurationState,
};

use crate::Emulator;
use crate::arn::{self, Kind};
use crate::errors::Fault;
use crate::messaging::{self, Capabilities, Grant};
use crate::page::{self, Key, Listing};
use crate::state::{self, LoggingConfiguration, Room, State};

/// Room defaults of the real service.
const DEFAULT_MAXIMUM_MESSAGE_LENGTH: i32 = 500;
const DEFAULT_MAXIMUM_MESSAGE_RATE_PER_SECOND: i32 = 10;
/// `sessionDurationInMinutes`: default and range.
const DEFAULT_SESSION_MINUTES: i32 = 60;
const SESSION_MINUTES: std::ops::RangeInclusive<i32> = 1..=180;
/// How long a chat token can be used to connect.
const TOKEN_LIFETIME: Duration = Duration::from_secs(60);
/// `maxResults`: default and range for both list operations.
const DEFAULT_MAX_RESULTS: i32 = 50;
const MAX_RESULTS: std::ops::RangeInclusive<i32> = 1..=50;
/// Per-resource and per-room limits.
const MAX_TAGS: usize = 50;
const MAX_LOGGING_CONFIGURATIONS_PER_ROOM: usize = 3;

impl Emulator {
    /// The room `identifier` names, if it exists.
    fn room<'a>(&self, state: &'a State, identifier: &str) -> Result<&'a Room, Fault> {
        let region = self.region();
        let id = arn::parse_kind(self.scope(&region), Kind::Room, identifier)?;
        state
            .rooms
            .get(&id)
            .filter(|r| r.region == region)
            .ok_or_else(|| Fault::not_found(Kind::Room, &id))
    }

    /// The id of the logging configuration `identifier` names, if it exists.
    fn log_id(&self, state: &State, identifier: &str) -> Result<String, Fault> {
        let region = self.region();
        let id = arn::parse_kind(self.scope(&region), Kind::LoggingConfiguration, identifier)?;
        if state.logs.get(&id).is_some_and(|l| l.region == region) {
            Ok(id)
        } else {
            Err(Fault::not_found(Kind::LoggingConfiguration, &id))
        }
    }

    /// Canonical ARNs of existing logging configurations for a room (at most 3, no repeats).
    fn room_logging(&self, state: &State, identifiers: &[String]) -> Result<Vec<String>, Fault> {
        let field = "loggingConfigurationIdentifiers";
        if identifiers.len() > MAX_LOGGING_CONFIGURATIONS_PER_ROOM {
            return Err(Fault::invalid(
                field,
                format!(
                    "a room can use at most {MAX_LOGGING_CONFIGURATIONS_PER_ROOM} logging \
                     configurations, {} were given",
                    identifiers.len()
                ),
            ));
        }
        let mut arns = Vec::with_capacity(identifiers.len());
        for identifier in identifiers {
            let arn = self.logging_configuration_arn(&self.log_id(state, identifier)?);
            if arns.contains(&arn) {
                return Err(Fault::invalid(
                    field,
                    format!("logging configuration `{arn}` is listed more than once"),
                ));
            }
            arns.push(arn);
        }
        Ok(arns)
    }

    /// The resource `resource_arn` names: its tags, mutable.
    fn tags_mut<'a>(
        &self,
        state: &'a mut State,
        resource_arn: &str,
    ) -> Result<&'a mut HashMap<String, String>, Fault> {
        let region = self.region();
        let (kind, id) = arn::parse(self.scope(&region), resource_arn)?;
        let tags = match kind {
            Kind::Room => state
                .rooms
                .get_mut(&id)
                .filter(|r| r.region == region)
                .map(|r| &mut r.tags),
            Kind::LoggingConfiguration => state
                .logs
                .get_mut(&id)
                .filter(|l| l.region == region)
                .map(|l| &mut l.tags),
        };
        tags.ok_or_else(|| Fault::not_found(kind, &id))
    }

    fn create_room_sync(&self, input: CreateRoomInput) -> Result<CreateRoomOutput, Fault> {
        let tags = input.tags.unwrap_or_default();
        check_tag_count(tags.len())?;
        let now = self.now();
        let mut state = self.write();
        let logging = self.room_logging(
            &state,
            input
                .logging_configuration_identifiers
                .as_deref()
                .unwrap_or(&[]),
        )?;
        let max = self.config().max_rooms;
        if state.rooms.len() >= max {
            return Err(Fault::quota(Kind::Room, &self.config().account, max));
        }
        let id = state.fresh_id();
        let key = state.stamp(now);
        let region = self.region();
        let room = Room {
            arn: Kind::Room.arn(self.scope(&region), &id),
            id: id.clone(),
            region: region.clone(),
            name: input.name.unwrap_or_default(),
            create_time: state::datetime(key.millis),
            key,
            maximum_message_rate_per_second: input
                .maximum_message_rate_per_second
                .unwrap_or(DEFAULT_MAXIMUM_MESSAGE_RATE_PER_SECOND),
            maximum_message_length: input
                .maximum_message_length
                .unwrap_or(DEFAULT_MAXIMUM_MESSAGE_LENGTH),
            message_review_handler: input.message_review_handler.and_then(review_handler),
            tags,
            logging_configuration_identifiers: logging,
        };
        let out = room_output(&room);
        state.room_order.insert(key, id.clone());
        state.rooms.insert(id, room);
        Ok(out)
    }

    fn get_room_sync(&self, input: GetRoomInput) -> Result<GetRoomOutput, Fault> {
        let state = self.read();
        let room = self.room(&state, &input.identifier)?;
        let o = room_output(room);
        Ok(GetRoomOutput {
            arn: o.arn,
            id: o.id,
            name: o.name,
            create_time: o.create_time,
            update_time: o.update_time,
            maximum_message_rate_per_second: o.maximum_message_rate_per_second,
            maximum_message_length: o.maximum_message_length,
            message_review_handler: o.message_review_handler,
            tags: o.tags,
            logging_configuration_identifiers: o.logging_configuration_identifiers,
        })
    }

    fn update_room_sync(&self, input: UpdateRoomInput) -> Result<UpdateRoomOutput, Fault> {
        let now = self.now();
        let mut state = self.write();
        let id = self.room(&state, &input.identifier)?.id.clone();
        let logging = match &input.logging_configuration_identifiers {
            Some(identifiers) => Some(self.room_logging(&state, identifiers)?),
            None => None,
        };
        let key = state.stamp(now);
        let State {
            rooms, room_order, ..
        } = &mut *state;
        let Some(room) = rooms.get_mut(&id) else {
            // Checked above under the same lock.
            return Err(Fault::not_found(Kind::Room, &id));
        };
        if let Some(name) = input.name {
            room.name = name;
        }
        if let Some(rate) = input.maximum_message_rate_per_second {
            room.maximum_message_rate_per_second = rate;
        }
        if let Some(length) = input.maximum_message_length {
            room.maximum_message_length = length;
        }
        if let Some(handler) = input.message_review_handler {
            // An empty uri removes the handler.
            room.message_review_handler = review_handler(handler);
        }
        if let Some(logging) = logging {
            room.logging_configuration_identifiers = logging;
        }
        room_order.remove(&room.key);
        room_order.insert(key, id);
        room.key = key;
        let o = room_output(room);
        Ok(UpdateRoomOutput {
            arn: o.arn,
            id: o.id,
            name: o.name,
            create_time: o.create_time,
            update_time: o.update_time,
            maximum_message_rate_per_second: o.maximum_message_rate_per_second,
            maximum_message_length: o.maximum_message_length,
            message_review_handler: o.message_review_handler,
            tags: o.tags,
            logging_configuration_identifiers: o.logging_configuration_identifiers,
        })
    }

    fn delete_room_sync(&self, input: DeleteRoomInput) -> Result<DeleteRoomOutput, Fault> {
        let mut state = self.write();
        let room = self.room(&state, &input.identifier)?;
        let (id, key) = (room.id.clone(), room.key);
        state.room_order.remove(&key);
        state.rooms.remove(&id);
        drop(state);
        self.inner.hub.close_room(&id);
        Ok(DeleteRoomOutput {})
    }

    fn list_rooms_sync(&self, input: ListRoomsInput) -> Result<ListRoomsOutput, Fault> {
        let max = max_results(input.max_results)?;
        // An empty filter value filters nothing (as when the member is absent).
        let name = input.name.filter(|s| !s.is_empty());
        let uri = input.message_review_handler_uri.filter(|s| !s.is_empty());
        let log = input
            .logging_configuration_identifier
            .filter(|s| !s.is_empty());
        let state = self.read();
        let log_arn = match &log {
            Some(identifier) => {
                Some(self.logging_configuration_arn(&self.log_id(&state, identifier)?))
            }
            None => None,
        };
        let region = self.region();
        let filters = page::filter_hash(&(&name, &uri, &log_arn, &*region));
        let after = cursor(Listing::Rooms, filters, input.next_token.as_deref())?;
        let (rooms, next) = page::page(&state.room_order, &state.rooms, after, max, |room| {
            room.region == region
                && name.as_ref().is_none_or(|n| &room.name == n)
                && uri.as_ref().is_none_or(|u| {
                    room.message_review_handler
                        .as_ref()
                        .and_then(|h| h.uri.as_ref())
                        == Some(u)
                })
                && log_arn
                    .as_ref()
                    .is_none_or(|a| room.logging_configuration_identifiers.contains(a))
        });
        Ok(ListRoomsOutput {
            rooms: rooms.into_iter().map(room_summary).collect(),
            next_token: next.map(|key| page::encode(Listing::Rooms, filters, key)),
        })
    }

    fn create_logging_configuration_sync(
        &self,
        input: CreateLoggingConfigurationInput,
    ) -> Result<CreateLoggingConfigurationOutput, Fault> {
        let tags = input.tags.unwrap_or_default();
        check_tag_count(tags.len())?;
        check_destination(&input.destination_configuration)?;
        let now = self.now();
        let mut state = self.write();
        let max = self.config().max_logging_configurations;
        if state.logs.len() >= max {
            return Err(Fault::quota(
                Kind::LoggingConfiguration,
                &self.config().account,
                max,
            ));
        }
        let id = state.fresh_id();
        let key = state.stamp(now);
        let region = self.region();
        let log = LoggingConfiguration {
            arn: Kind::LoggingConfiguration.arn(self.scope(&region), &id),
            id: id.clone(),
            region: region.clone(),
            name: input.name.unwrap_or_default(),
            create_time: state::datetime(key.millis),
            key,
            destination_configuration: input.destination_configuration,
            state: LoggingConfigurationState::Active,
            tags,
        };
        let s = log_summary(&log);
        state.log_order.insert(key, id.clone());
        state.logs.insert(id, log);
        Ok(CreateLoggingConfigurationOutput {
            arn: s.arn,
            id: s.id,
            create_time: s.create_time,
            update_time: s.update_time,
            name: s.name,
            destination_configuration: s.destination_configuration,
            state: Some(CreateLoggingConfigurationState::Active),
            tags: s.tags,
        })
    }

    fn get_logging_configuration_sync(
        &self,
        input: GetLoggingConfigurationInput,
    ) -> Result<GetLoggingConfigurationOutput, Fault> {
        let state = self.read();
        let id = self.log_id(&state, &input.identifier)?;
        let s = state
            .logs
            .get(&id)
            .map(log_summary)
            .ok_or_else(|| Fault::not_found(Kind::LoggingConfiguration, &id))?;
        Ok(GetLoggingConfigurationOutput {
            arn: s.arn,
            id: s.id,
            create_time: s.create_time,
            update_time: s.update_time,
            name: s.name,
            destination_configuration: s.destination_configuration,
            state: s.state,
            tags: s.tags,
        })
    }

    fn update_logging_configuration_sync(
        &self,
        input: UpdateLoggingConfigurationInput,
    ) -> Result<UpdateLoggingConfigurationOutput, Fault> {
        if let Some(destination) = &input.destination_configuration {
            check_destination(destination)?;
        }
        let now = self.now();
        let mut state = self.write();
        let id = self.log_id(&state, &input.identifier)?;
        let key = state.stamp(now);
        let State {
            logs, log_order, ..
        } = &mut *state;
        let Some(log) = logs.get_mut(&id) else {
            // Checked above under the same lock.
            return Err(Fault::not_found(Kind::LoggingConfiguration, &id));
        };
        if let Some(name) = input.name {
            log.name = name;
        }
        if let Some(destination) = input.destination_configuration {
            log.destination_configuration = destination;
        }
        log.state = LoggingConfigurationState::Active;
        log_order.remove(&log.key);
        log_order.insert(key, id);
        log.key = key;
        let s = log_summary(log);
        Ok(UpdateLoggingConfigurationOutput {
            arn: s.arn,
            id: s.id,
            create_time: s.create_time,
            update_time: s.update_time,
            name: s.name,
            destination_configuration: s.destination_configuration,
            state: Some(UpdateLoggingConfigurationState::Active),
            tags: s.tags,
        })
    }

    fn delete_logging_configuration_sync(
        &self,
        input: DeleteLoggingConfigurationInput,
    ) -> Result<DeleteLoggingConfigurationOutput, Fault> {
        let mut state = self.write();
        let id = self.log_id(&state, &input.identifier)?;
        let arn = self.logging_configuration_arn(&id);
        let mut users: Vec<&str> = state
            .rooms
            .values()
            .filter(|r| r.logging_configuration_identifiers.contains(&arn))
            .map(|r| r.arn.as_str())
            .collect();
        if !users.is_empty() {
            users.sort_unstable();
            return Err(Fault::conflict(
                &id,
                format!(
                    "logging configuration `{arn}` is used by {} room(s): {}; remove it from \
                     them first",
                    users.len(),
                    users.join(", ")
                ),
            ));
        }
        if let Some(log) = state.logs.remove(&id) {
            state.log_order.remove(&log.key);
        }
        Ok(DeleteLoggingConfigurationOutput {})
    }

    fn list_logging_configurations_sync(
        &self,
        input: ListLoggingConfigurationsInput,
    ) -> Result<ListLoggingConfigurationsOutput, Fault> {
        let max = max_results(input.max_results)?;
        let region = self.region();
        let filters = page::filter_hash(&region);
        let after = cursor(
            Listing::LoggingConfigurations,
            filters,
            input.next_token.as_deref(),
        )?;
        let state = self.read();
        let (logs, next) = page::page(&state.log_order, &state.logs, after, max, |log| {
            log.region == region
        });
        Ok(ListLoggingConfigurationsOutput {
            logging_configurations: logs.into_iter().map(log_summary).collect(),
            next_token: next.map(|key| page::encode(Listing::LoggingConfigurations, filters, key)),
        })
    }

    fn tag_resource_sync(&self, input: TagResourceInput) -> Result<TagResourceOutput, Fault> {
        let mut state = self.write();
        let tags = self.tags_mut(&mut state, &input.resource_arn)?;
        let added = input.tags.keys().filter(|k| !tags.contains_key(*k)).count();
        check_tag_count(tags.len() + added)?;
        tags.extend(input.tags);
        Ok(TagResourceOutput {})
    }

    fn untag_resource_sync(&self, input: UntagResourceInput) -> Result<UntagResourceOutput, Fault> {
        let mut state = self.write();
        let tags = self.tags_mut(&mut state, &input.resource_arn)?;
        let remove: HashSet<&String> = input.tag_keys.iter().collect();
        tags.retain(|k, _| !remove.contains(k));
        Ok(UntagResourceOutput {})
    }

    fn list_tags_for_resource_sync(
        &self,
        input: ListTagsForResourceInput,
    ) -> Result<ListTagsForResourceOutput, Fault> {
        let state = self.read();
        let region = self.region();
        let (kind, id) = arn::parse(self.scope(&region), &input.resource_arn)?;
        let tags = match kind {
            Kind::Room => state
                .rooms
                .get(&id)
                .filter(|r| r.region == region)
                .map(|r| &r.tags),
            Kind::LoggingConfiguration => state
                .logs
                .get(&id)
                .filter(|l| l.region == region)
                .map(|l| &l.tags),
        };
        let tags = tags.ok_or_else(|| Fault::not_found(kind, &id))?;
        Ok(ListTagsForResourceOutput { tags: tags.clone() })
    }

    fn create_chat_token_sync(
        &self,
        input: CreateChatTokenInput,
    ) -> Result<CreateChatTokenOutput, Fault> {
        let minutes = input
            .session_duration_in_minutes
            .unwrap_or(DEFAULT_SESSION_MINUTES);
        if !SESSION_MINUTES.contains(&minutes) {
            return Err(Fault::invalid(
                "sessionDurationInMinutes",
                format!(
                    "must be between {} and {} minutes, inclusive; {minutes} was given",
                    SESSION_MINUTES.start(),
                    SESSION_MINUTES.end()
                ),
            ));
        }
        let room_id = self.room(&self.read(), &input.room_identifier)?.id.clone();
        let now = state::unix_millis(self.now());
        let at = |d: Duration| now.saturating_add(i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        let minutes = Duration::from_secs(60 * u64::from(minutes.unsigned_abs()));
        let (token_expires, session_expires) = (at(TOKEN_LIFETIME), at(minutes));
        let mut capabilities = Capabilities::default();
        for c in input.capabilities.iter().flatten() {
            match c {
                ChatTokenCapability::SendMessage => capabilities.send_message = true,
                ChatTokenCapability::DeleteMessage => capabilities.delete_message = true,
                ChatTokenCapability::DisconnectUser => capabilities.disconnect_user = true,
                _ => {}
            }
        }
        // 256 random bits, URL-safe base64 without padding: only RFC 7230 token characters,
        // so the token is a valid WebSocket subprotocol.
        let mut bytes = [0u8; 32];
        fastrand::fill(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        self.issue_token(
            token.clone(),
            Grant {
                room_id,
                user_id: input.user_id.into(),
                attributes: messaging::shared_attributes(input.attributes),
                capabilities,
                token_expires,
                session_expires,
            },
        );
        Ok(CreateChatTokenOutput {
            token: Some(token),
            token_expiration_time: Some(state::datetime(token_expires)),
            session_expiration_time: Some(state::datetime(session_expires)),
        })
    }

    /// The id of the room a messaging operation names, and a fresh id for what it sends:
    /// 12 random alphanumeric characters (~71 bits), unique in practice like the service's.
    fn message_op(&self, room_identifier: &str) -> Result<(String, String), Fault> {
        let room_id = self.room(&self.read(), room_identifier)?.id.clone();
        Ok((room_id, state::random_id()))
    }
}

/// `maxResults`, defaulted and range-checked.
fn max_results(max_results: Option<i32>) -> Result<usize, Fault> {
    let max = max_results.unwrap_or(DEFAULT_MAX_RESULTS);
    if !MAX_RESULTS.contains(&max) {
        return Err(Fault::invalid(
            "maxResults",
            format!(
                "must be between {} and {}, inclusive; {max} was given",
                MAX_RESULTS.start(),
                MAX_RESULTS.end()
            ),
        ));
    }
    Ok(max.unsigned_abs() as usize)
}

/// The list position a `nextToken` names (none for a missing or empty token).
fn cursor(listing: Listing, filters: u64, token: Option<&str>) -> Result<Option<Key>, Fault> {
    match token {
        Some(token) if !token.is_empty() => page::decode(listing, filters, token).map(Some),
        _ => Ok(None),
    }
}

fn check_tag_count(count: usize) -> Result<(), Fault> {
    if count > MAX_TAGS {
        return Err(Fault::invalid(
            "tags",
            format!(
                "a resource can have at most {MAX_TAGS} tags; this request would give it {count}"
            ),
        ));
    }
    Ok(())
}

/// A union member the crate does not know cannot be stored or returned.
fn check_destination(destination: &DestinationConfiguration) -> Result<(), Fault> {
    if destination.is_unknown() {
        return Err(Fault::invalid(
            "destinationConfiguration",
            "exactly one of s3, cloudWatchLogs or firehose must be set",
        ));
    }
    Ok(())
}

/// The handler to store: none without a uri (an empty uri removes it in updates), and
/// `fallbackResult` defaulted to `ALLOW`.
fn review_handler(handler: MessageReviewHandler) -> Option<MessageReviewHandler> {
    let uri = handler.uri.filter(|u| !u.is_empty())?;
    Some(MessageReviewHandler {
        uri: Some(uri),
        fallback_result: Some(handler.fallback_result.unwrap_or(FallbackResult::Allow)),
    })
}

/// Every operation's room output has these members (`CreateRoomOutput` stands for all).
fn room_output(room: &Room) -> CreateRoomOutput {
    CreateRoomOutput {
        arn: Some(room.arn.clone()),
        id: Some(room.id.clone()),
        name: Some(room.name.clone()),
        create_time: Some(room.create_time),
        update_time: Some(state::datetime(room.key.millis)),
        maximum_message_rate_per_second: Some(room.maximum_message_rate_per_second),
        maximum_message_length: Some(room.maximum_message_length),
        message_review_handler: room.message_review_handler.clone(),
        tags: Some(room.tags.clone()),
        logging_configuration_identifiers: Some(room.logging_configuration_identifiers.clone()),
    }
}

fn room_summary(room: &Room) -> RoomSummary {
    RoomSummary {
        arn: Some(room.arn.clone()),
        id: Some(room.id.clone()),
        name: Some(room.name.clone()),
        message_review_handler: room.message_review_handler.clone(),
        create_time: Some(room.create_time),
        update_time: Some(state::datetime(room.key.millis)),
        tags: Some(room.tags.clone()),
        logging_configuration_identifiers: Some(room.logging_configuration_identifiers.clone()),
    }
}

fn log_summary(log: &LoggingConfiguration) -> LoggingConfigurationSummary {
    LoggingConfigurationSummary {
        arn: Some(log.arn.clone()),
        id: Some(log.id.clone()),
        create_time: Some(log.create_time),
        update_time: Some(state::datetime(log.key.millis)),
        name: Some(log.name.clone()),
        destination_configuration: Some(log.destination_configuration.clone()),
        state: Some(log.state.clone()),
        tags: Some(log.tags.clone()),
    }
}

/// Each trait method runs the synchronous operation; the future is ready at once.
macro_rules! api {
    ($($method:ident / $sync:ident: $input:ident -> $output:ident, $error:ident;)+) => {
        impl IvschatApi for Emulator {$(
            async fn $method(&self, input: $input) -> Result<$output, $error> {
                self.$sync(input).map_err($error::from)
            }
        )+}
    };
}

api! {
    create_chat_token / create_chat_token_sync:
        CreateChatTokenInput -> CreateChatTokenOutput, CreateChatTokenError;
    create_logging_configuration / create_logging_configuration_sync:
        CreateLoggingConfigurationInput -> CreateLoggingConfigurationOutput,
        CreateLoggingConfigurationError;
    create_room / create_room_sync: CreateRoomInput -> CreateRoomOutput, CreateRoomError;
    delete_logging_configuration / delete_logging_configuration_sync:
        DeleteLoggingConfigurationInput -> DeleteLoggingConfigurationOutput,
        DeleteLoggingConfigurationError;
    delete_room / delete_room_sync: DeleteRoomInput -> DeleteRoomOutput, DeleteRoomError;
    get_logging_configuration / get_logging_configuration_sync:
        GetLoggingConfigurationInput -> GetLoggingConfigurationOutput,
        GetLoggingConfigurationError;
    get_room / get_room_sync: GetRoomInput -> GetRoomOutput, GetRoomError;
    list_logging_configurations / list_logging_configurations_sync:
        ListLoggingConfigurationsInput -> ListLoggingConfigurationsOutput,
        ListLoggingConfigurationsError;
    list_rooms / list_rooms_sync: ListRoomsInput -> ListRoomsOutput, ListRoomsError;
    list_tags_for_resource / list_tags_for_resource_sync:
        ListTagsForResourceInput -> ListTagsForResourceOutput, ListTagsForResourceError;
    tag_resource / tag_resource_sync: TagResourceInput -> TagResourceOutput, TagResourceError;
    untag_resource / untag_resource_sync:
        UntagResourceInput -> UntagResourceOutput, UntagResourceError;
    update_logging_configuration / update_logging_configuration_sync:
        UpdateLoggingConfigurationInput -> UpdateLoggingConfigurationOutput,
        UpdateLoggingConfigurationError;
    update_room / update_room_sync: UpdateRoomInput -> UpdateRoomOutput, UpdateRoomError;
    send_event / send_event_sync: SendEventInput -> SendEventOutput, SendEventError;
    delete_message / delete_message_sync:
        DeleteMessageInput -> DeleteMessageOutput, DeleteMessageError;
    disconnect_user / disconnect_user_sync:
        DisconnectUserInput -> DisconnectUserOutput, DisconnectUserError;
}

impl Emulator {
    fn send_event_sync(&self, input: SendEventInput) -> Result<SendEventOutput, Fault> {
        let (room_id, id) = self.message_op(&input.room_identifier)?;
        let attributes = input.attributes.unwrap_or_default();
        self.broadcast_event(&room_id, &id, None, &input.event_name, &attributes);
        Ok(SendEventOutput { id: Some(id) })
    }

    fn delete_message_sync(&self, input: DeleteMessageInput) -> Result<DeleteMessageOutput, Fault> {
        let (room_id, id) = self.message_op(&input.room_identifier)?;
        self.broadcast_delete_message(&room_id, &id, None, &input.id, input.reason.as_deref());
        Ok(DeleteMessageOutput { id: Some(id) })
    }

    fn disconnect_user_sync(
        &self,
        input: DisconnectUserInput,
    ) -> Result<DisconnectUserOutput, Fault> {
        let (room_id, id) = self.message_op(&input.room_identifier)?;
        self.disconnect(&room_id, &id, None, &input.user_id, input.reason.as_deref());
        Ok(DisconnectUserOutput {})
    }
}
