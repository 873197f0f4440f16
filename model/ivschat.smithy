// Amazon IVS Chat, control-plane API: our own Smithy model of the service (Smithy IDL 2.0).
//
// This file is the project's model. `cargo xtask codegen` generates generated-client/ from it,
// and model/tests/ivschat_model.rs checks every wire fact against the published AWS model
// (../shared/models/aws/ivschat.json), allowing only the deliberate deviations listed there.
// Documentation is HTML, as in AWS models, because generated rustdoc and SDK docs expect it.
//
// Layout: the service, then its operations (each with its input and output written inline;
// the suffix controls below keep AWS's `...Request` / `...Response` names), then the data
// structures and errors, then the simple types. Deliberate deviations are applied at the end.

$version: "2.0"
$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"

namespace com.amazonaws.ivschat

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

/// <p>The Amazon IVS Chat control-plane API creates and manages the resources of Amazon IVS Chat: rooms, through which clients connect and exchange chat messages, and logging configurations, which say where the messages of a room are recorded. Users interact with rooms in real time through the separate Amazon IVS Chat Messaging API (WebSocket).</p><p>The API is regional. Every request is signed with AWS Signature Version 4 (signing name <code>ivschat</code>), and the caller's IAM identity needs the matching <code>ivschat:&lt;Operation&gt;</code> permission, for example <code>ivschat:DeleteMessage</code>.</p><p>Operations, by group:</p><ul> <li>Messaging: <code>DeleteMessage</code>, <code>DisconnectUser</code>, <code>SendEvent</code>, which replicate the matching WebSocket operations for use from your application's back end.</li> <li>Chat token: <code>CreateChatToken</code>, which issues the encrypted token a client uses to open one WebSocket connection to a room.</li> <li>Rooms: <code>CreateRoom</code>, <code>DeleteRoom</code>, <code>GetRoom</code>, <code>ListRooms</code>, <code>UpdateRoom</code>.</li> <li>Logging configurations: <code>CreateLoggingConfiguration</code>, <code>DeleteLoggingConfiguration</code>, <code>GetLoggingConfiguration</code>, <code>ListLoggingConfigurations</code>, <code>UpdateLoggingConfiguration</code>.</li> <li>Tags: <code>ListTagsForResource</code>, <code>TagResource</code>, <code>UntagResource</code>.</li> </ul>
@service(
    sdkId: "ivschat"
    arnNamespace: "ivschat"
    cloudFormationName: "IVSChat"
    cloudTrailEventSource: "ivschat.amazonaws.com"
)
@sigv4(name: "ivschat")
@restJson1
@title("Amazon Interactive Video Service Chat")
service AmazonInteractiveVideoServiceChat {
    version: "2020-07-14"
    operations: [
        CreateChatToken
        CreateLoggingConfiguration
        CreateRoom
        DeleteLoggingConfiguration
        DeleteMessage
        DeleteRoom
        DisconnectUser
        GetLoggingConfiguration
        GetRoom
        ListLoggingConfigurations
        ListRooms
        ListTagsForResource
        SendEvent
        TagResource
        UntagResource
        UpdateLoggingConfiguration
        UpdateRoom
    ]
}

/// <p>Creates an encrypted token with which one client opens one WebSocket connection to a room. The token is valid for one minute; the session it opens lasts for the requested duration.</p><p>Call it once per user session from your application, with the user's identity and capabilities. The encryption keys belong to Amazon IVS Chat and are never exposed.</p>
@http(method: "POST", uri: "/CreateChatToken")
operation CreateChatToken {
    input :=
        /// <p>Input of <code>CreateChatToken</code>.</p>
        {
            /// <p>The room the client wants to join. Currently this must be an ARN.</p>
            @required
            roomIdentifier: RoomIdentifier

            /// <p>Application-provided ID of the user the token is for; any UTF-8 text.</p>
            @required
            userId: UserID

            /// <p>What the user may do in the room. Default: nothing beyond viewing messages, which is always allowed.</p>
            capabilities: ChatTokenCapabilities

            /// <p>How long the session lasts, in minutes. Default: 60.</p>
            sessionDurationInMinutes: SessionDurationInMinutes

            /// <p>Application-provided attributes attached to the session; at most 1 KB.</p>
            attributes: ChatTokenAttributes
        }

    output :=
        /// <p>Output of <code>CreateChatToken</code>.</p>
        {
            /// <p>The encrypted token to give to the client.</p>
            token: ChatToken

            /// <p>When the token stops being usable to connect.</p>
            tokenExpirationTime: Time

            /// <p>When the session opened with the token ends.</p>
            sessionExpirationTime: Time
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Creates a logging configuration, which lets a room record its messages to an S3 bucket, a CloudWatch Logs log group or a Kinesis Data Firehose delivery stream.</p>
@http(method: "POST", uri: "/CreateLoggingConfiguration")
operation CreateLoggingConfiguration {
    input :=
        /// <p>Input of <code>CreateLoggingConfiguration</code>.</p>
        {
            /// <p>Logging configuration name; need not be unique.</p>
            name: LoggingConfigurationName

            /// <p>Where chat logs are sent.</p>
            @required
            destinationConfiguration: DestinationConfiguration

            /// <p>Tags to attach to the logging configuration.</p>
            tags: Tags
        }

    output :=
        /// <p>Output of <code>CreateLoggingConfiguration</code>.</p>
        {
            /// <p>Logging configuration ARN.</p>
            arn: LoggingConfigurationArn

            /// <p>Logging configuration ID, generated by the service.</p>
            id: LoggingConfigurationID

            /// <p>When the logging configuration was created.</p>
            createTime: Time

            /// <p>When the logging configuration was last updated.</p>
            updateTime: Time

            /// <p>Logging configuration name.</p>
            name: LoggingConfigurationName

            /// <p>Where chat logs are sent.</p>
            destinationConfiguration: DestinationConfiguration

            /// <p>The state of the new logging configuration.</p>
            state: CreateLoggingConfigurationState

            /// <p>Tags attached to the logging configuration.</p>
            tags: Tags
        }

    errors: [
        AccessDeniedException
        ConflictException
        PendingVerification
        ResourceNotFoundException
        ServiceQuotaExceededException
        ValidationException
    ]
}

/// <p>Creates a room to which clients can connect and exchange messages.</p>
@http(method: "POST", uri: "/CreateRoom")
operation CreateRoom {
    input :=
        /// <p>Input of <code>CreateRoom</code>.</p>
        {
            /// <p>Room name; need not be unique.</p>
            name: RoomName

            /// <p>Maximum number of messages per second sent to the room by all clients. Default: 10.</p>
            maximumMessageRatePerSecond: RoomMaxMessageRatePerSecond

            /// <p>Maximum number of characters (code points) in one message. Default: 500.</p>
            maximumMessageLength: RoomMaxMessageLength

            /// <p>Optional review of messages by a Lambda function.</p>
            messageReviewHandler: MessageReviewHandler

            /// <p>Tags to attach to the room.</p>
            tags: Tags

            /// <p>Logging configurations that record the room's messages; at most 3.</p>
            loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
        }

    output :=
        /// <p>Output of <code>CreateRoom</code>: the new room.</p>
        {
            /// <p>Room ARN.</p>
            arn: RoomArn

            /// <p>Room ID, generated by the service.</p>
            id: RoomID

            /// <p>Room name.</p>
            name: RoomName

            /// <p>When the room was created.</p>
            createTime: Time

            /// <p>When the room was last updated.</p>
            updateTime: Time

            /// <p>Maximum number of messages per second sent to the room by all clients.</p>
            maximumMessageRatePerSecond: RoomMaxMessageRatePerSecond

            /// <p>Maximum number of characters in one message.</p>
            maximumMessageLength: RoomMaxMessageLength

            /// <p>The room's message review handler, if any.</p>
            messageReviewHandler: MessageReviewHandler

            /// <p>Tags attached to the room.</p>
            tags: Tags

            /// <p>The logging configurations of the room.</p>
            loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
        }

    errors: [
        AccessDeniedException
        ConflictException
        PendingVerification
        ResourceNotFoundException
        ServiceQuotaExceededException
        ValidationException
    ]
}

/// <p>Deletes a logging configuration.</p>
@http(method: "POST", uri: "/DeleteLoggingConfiguration", code: 204)
operation DeleteLoggingConfiguration {
    input :=
        /// <p>Input of <code>DeleteLoggingConfiguration</code>.</p>
        {
            /// <p>The logging configuration to delete.</p>
            @required
            identifier: LoggingConfigurationIdentifier
        }

    errors: [
        AccessDeniedException
        ConflictException
        PendingVerification
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Sends an event to a room telling its clients to delete one message: stop showing it and remove it from their chat history. The event's name is <code>aws:DELETE_MESSAGE</code>. This replicates the <code>DeleteMessage</code> WebSocket operation of the Chat Messaging API.</p>
@http(method: "POST", uri: "/DeleteMessage")
operation DeleteMessage {
    input :=
        /// <p>Input of <code>DeleteMessage</code>.</p>
        {
            /// <p>The room the message is in. Currently this must be an ARN.</p>
            @required
            roomIdentifier: RoomIdentifier

            /// <p>ID of the message to delete, from the <code>Id</code> field of the received message.</p>
            @required
            id: MessageID

            /// <p>Why the message is deleted.</p>
            reason: Reason
        }

    output :=
        /// <p>Output of <code>DeleteMessage</code>.</p>
        {
            /// <p>Identifier of this request, generated by Amazon IVS Chat.</p>
            id: ID
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// <p>Deletes a room.</p>
@http(method: "POST", uri: "/DeleteRoom", code: 204)
operation DeleteRoom {
    input :=
        /// <p>Input of <code>DeleteRoom</code>.</p>
        {
            /// <p>The room to delete. Currently this must be an ARN.</p>
            @required
            identifier: RoomIdentifier
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Disconnects every connection of one user from a room. This replicates the <code>DisconnectUser</code> WebSocket operation of the Chat Messaging API.</p>
@http(method: "POST", uri: "/DisconnectUser")
operation DisconnectUser {
    input :=
        /// <p>Input of <code>DisconnectUser</code>.</p>
        {
            /// <p>The room to disconnect the user from. Currently this must be an ARN.</p>
            @required
            roomIdentifier: RoomIdentifier

            /// <p>ID of the user whose connections are closed.</p>
            @required
            userId: UserID

            /// <p>Why the user is disconnected.</p>
            reason: Reason
        }

    output :=
        /// <p>Output of <code>DisconnectUser</code> (empty).</p>
        {
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// <p>Gets a logging configuration.</p>
@http(method: "POST", uri: "/GetLoggingConfiguration")
operation GetLoggingConfiguration {
    input :=
        /// <p>Input of <code>GetLoggingConfiguration</code>.</p>
        {
            /// <p>The logging configuration to get. Currently this must be an ARN.</p>
            @required
            identifier: LoggingConfigurationIdentifier
        }

    output :=
        /// <p>Output of <code>GetLoggingConfiguration</code>.</p>
        {
            /// <p>Logging configuration ARN.</p>
            arn: LoggingConfigurationArn

            /// <p>Logging configuration ID, generated by the service.</p>
            id: LoggingConfigurationID

            /// <p>When the logging configuration was created.</p>
            createTime: Time

            /// <p>When the logging configuration was last updated.</p>
            updateTime: Time

            /// <p>Logging configuration name.</p>
            name: LoggingConfigurationName

            /// <p>Where chat logs are sent.</p>
            destinationConfiguration: DestinationConfiguration

            /// <p>The current state of the logging configuration.</p>
            state: LoggingConfigurationState

            /// <p>Tags attached to the logging configuration.</p>
            tags: Tags
        }

    errors: [
        AccessDeniedException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Gets a room.</p>
@http(method: "POST", uri: "/GetRoom")
@readonly
operation GetRoom {
    input :=
        /// <p>Input of <code>GetRoom</code>.</p>
        {
            /// <p>The room to get. Currently this must be an ARN.</p>
            @required
            identifier: RoomIdentifier
        }

    output :=
        /// <p>Output of <code>GetRoom</code>: the room.</p>
        {
            /// <p>Room ARN.</p>
            arn: RoomArn

            /// <p>Room ID, generated by the service.</p>
            id: RoomID

            /// <p>Room name.</p>
            name: RoomName

            /// <p>When the room was created.</p>
            createTime: Time

            /// <p>When the room was last updated.</p>
            updateTime: Time

            /// <p>Maximum number of messages per second sent to the room by all clients.</p>
            maximumMessageRatePerSecond: RoomMaxMessageRatePerSecond

            /// <p>Maximum number of characters in one message.</p>
            maximumMessageLength: RoomMaxMessageLength

            /// <p>The room's message review handler, if any.</p>
            messageReviewHandler: MessageReviewHandler

            /// <p>Tags attached to the room.</p>
            tags: Tags

            /// <p>The logging configurations of the room.</p>
            loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
        }

    errors: [
        AccessDeniedException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Lists summary information about the logging configurations of the region the request is sent to.</p>
@http(method: "POST", uri: "/ListLoggingConfigurations")
@readonly
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    pageSize: "maxResults"
    // Deliberate deviation: the published trait names no items member.
    items: "loggingConfigurations"
)
operation ListLoggingConfigurations {
    input :=
        /// <p>Input of <code>ListLoggingConfigurations</code>.</p>
        {
            /// <p>Where to resume listing: the <code>nextToken</code> of the previous page.</p>
            nextToken: PaginationToken

            /// <p>Maximum number of logging configurations in one page. Default: 50.</p>
            maxResults: MaxLoggingConfigurationResults
        }

    output :=
        /// <p>Output of <code>ListLoggingConfigurations</code>.</p>
        {
            /// <p>The logging configurations of this page.</p>
            @required
            loggingConfigurations: LoggingConfigurationList

            /// <p>Present when there are more results: pass it back to get the next page.</p>
            nextToken: PaginationToken
        }

    errors: [
        AccessDeniedException
        ValidationException
    ]
}

/// <p>Lists summary information about the rooms of the region the request is sent to, most recently updated first.</p>
@http(method: "POST", uri: "/ListRooms")
@readonly
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    pageSize: "maxResults"
    // Deliberate deviation: the published trait names no items member.
    items: "rooms"
)
operation ListRooms {
    input :=
        /// <p>Input of <code>ListRooms</code>.</p>
        {
            /// <p>Only rooms with this name.</p>
            name: RoomName

            /// <p>Where to resume listing: the <code>nextToken</code> of the previous page.</p>
            nextToken: PaginationToken

            /// <p>Maximum number of rooms to return. Default: 50.</p>
            maxResults: MaxRoomResults

            /// <p>Only rooms with this message review handler.</p>
            messageReviewHandlerUri: LambdaArn

            /// <p>Only rooms that use this logging configuration.</p>
            loggingConfigurationIdentifier: LoggingConfigurationIdentifier
        }

    output :=
        /// <p>Output of <code>ListRooms</code>.</p>
        {
            /// <p>The rooms of this page (summary information only).</p>
            @required
            rooms: RoomList

            /// <p>Present when there are more results: pass it back to get the next page.</p>
            nextToken: PaginationToken
        }

    errors: [
        AccessDeniedException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Gets the tags of a resource.</p>
@http(method: "GET", uri: "/tags/{resourceArn}")
@readonly
operation ListTagsForResource {
    input :=
        /// <p>Input of <code>ListTagsForResource</code>.</p>
        {
            /// <p>ARN of the resource whose tags are listed.</p>
            @required
            @httpLabel
            resourceArn: ResourceArn
        }

    output :=
        /// <p>Output of <code>ListTagsForResource</code>.</p>
        {
            /// <p>The resource's tags.</p>
            @required
            tags: Tags
        }

    errors: [
        InternalServerException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Sends an event to the clients of a room, for example to make them change how the chat is shown. Use it from your application's business logic.</p>
@http(method: "POST", uri: "/SendEvent")
operation SendEvent {
    input :=
        /// <p>Input of <code>SendEvent</code>.</p>
        {
            /// <p>The room to send the event to. Currently this must be an ARN.</p>
            @required
            roomIdentifier: RoomIdentifier

            /// <p>Application-defined name of the event.</p>
            @required
            eventName: EventName

            /// <p>Application-defined metadata of the event; at most 1 KB.</p>
            attributes: EventAttributes
        }

    output :=
        /// <p>Output of <code>SendEvent</code>.</p>
        {
            /// <p>Identifier of the event, to use in later operations on it such as <code>DeleteMessage</code>.</p>
            id: ID
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

/// <p>Adds tags to a resource, or updates the values of existing tags.</p>
@http(method: "POST", uri: "/tags/{resourceArn}")
operation TagResource {
    input :=
        /// <p>Input of <code>TagResource</code>.</p>
        {
            /// <p>ARN of the resource to tag (URL-encoded in the path).</p>
            @required
            @httpLabel
            resourceArn: ResourceArn

            /// <p>The tags to add or update.</p>
            @required
            tags: Tags
        }

    output :=
        /// <p>Output of <code>TagResource</code> (empty).</p>
        {
        }

    errors: [
        InternalServerException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Removes tags from a resource.</p>
@http(method: "DELETE", uri: "/tags/{resourceArn}")
@idempotent
operation UntagResource {
    input :=
        /// <p>Input of <code>UntagResource</code>.</p>
        {
            /// <p>ARN of the resource to untag (URL-encoded in the path).</p>
            @required
            @httpLabel
            resourceArn: ResourceArn

            /// <p>Keys of the tags to remove.</p>
            @required
            @httpQuery("tagKeys")
            tagKeys: TagKeyList
        }

    output :=
        /// <p>Output of <code>UntagResource</code> (empty).</p>
        {
        }

    errors: [
        InternalServerException
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Updates the name or destination of a logging configuration.</p>
@http(method: "POST", uri: "/UpdateLoggingConfiguration")
operation UpdateLoggingConfiguration {
    input :=
        /// <p>Input of <code>UpdateLoggingConfiguration</code>.</p>
        {
            /// <p>The logging configuration to update. Currently this must be an ARN.</p>
            @required
            identifier: LoggingConfigurationIdentifier

            /// <p>New name; need not be unique.</p>
            name: LoggingConfigurationName

            /// <p>New destination of the chat logs.</p>
            destinationConfiguration: DestinationConfiguration
        }

    output :=
        /// <p>Output of <code>UpdateLoggingConfiguration</code>.</p>
        {
            /// <p>Logging configuration ARN.</p>
            arn: LoggingConfigurationArn

            /// <p>Logging configuration ID, generated by the service.</p>
            id: LoggingConfigurationID

            /// <p>When the logging configuration was created.</p>
            createTime: Time

            /// <p>When the logging configuration was last updated.</p>
            updateTime: Time

            /// <p>Logging configuration name.</p>
            name: LoggingConfigurationName

            /// <p>Where chat logs are sent.</p>
            destinationConfiguration: DestinationConfiguration

            /// <p>The state of the updated logging configuration.</p>
            state: UpdateLoggingConfigurationState

            /// <p>Tags attached to the logging configuration.</p>
            tags: Tags
        }

    errors: [
        AccessDeniedException
        ConflictException
        PendingVerification
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>Updates the configuration of a room.</p>
@http(method: "POST", uri: "/UpdateRoom")
operation UpdateRoom {
    input :=
        /// <p>Input of <code>UpdateRoom</code>.</p>
        {
            /// <p>The room to update. Currently this must be an ARN.</p>
            @required
            identifier: RoomIdentifier

            /// <p>New room name; need not be unique.</p>
            name: RoomName

            /// <p>Maximum number of messages per second sent to the room by all clients. Default: 10.</p>
            maximumMessageRatePerSecond: RoomMaxMessageRatePerSecond

            /// <p>Maximum number of characters (code points) in one message. Default: 500.</p>
            maximumMessageLength: RoomMaxMessageLength

            /// <p>Optional review of messages by a Lambda function. An empty <code>uri</code> removes the room's handler.</p>
            messageReviewHandler: MessageReviewHandler

            /// <p>Logging configurations that record the room's messages; at most 3.</p>
            loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
        }

    output :=
        /// <p>Output of <code>UpdateRoom</code>: the updated room.</p>
        {
            /// <p>Room ARN.</p>
            arn: RoomArn

            /// <p>Room ID, generated by the service.</p>
            id: RoomID

            /// <p>Room name.</p>
            name: RoomName

            /// <p>When the room was created.</p>
            createTime: Time

            /// <p>When the room was last updated.</p>
            updateTime: Time

            /// <p>Maximum number of messages per second sent to the room by all clients.</p>
            maximumMessageRatePerSecond: RoomMaxMessageRatePerSecond

            /// <p>Maximum number of characters in one message.</p>
            maximumMessageLength: RoomMaxMessageLength

            /// <p>The room's message review handler, if any.</p>
            messageReviewHandler: MessageReviewHandler

            /// <p>Tags attached to the room.</p>
            tags: Tags

            /// <p>The logging configurations of the room.</p>
            loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
        }

    errors: [
        AccessDeniedException
        PendingVerification
        ResourceNotFoundException
        ValidationException
    ]
}

/// <p>The caller is not allowed to perform this action.</p>
@error("client")
@httpError(403)
structure AccessDeniedException {
    /// <p>A description of why access was denied.</p>
    @required
    message: ErrorMessage
}

/// <p>Sends chat logs to an Amazon CloudWatch Logs log group.</p>
structure CloudWatchLogsDestinationConfiguration {
    /// <p>The log group that receives the logs.</p>
    @required
    logGroupName: LogGroupName
}

/// <p>The request conflicts with the current state of the resource.</p>
@error("client")
@httpError(409)
structure ConflictException {
    /// <p>A description of the conflict.</p>
    @required
    message: ErrorMessage

    /// <p>ID of the resource the conflict concerns.</p>
    @required
    resourceId: ResourceId

    /// <p>Type of the resource the conflict concerns.</p>
    @required
    resourceType: ResourceType
}

/// <p>Where a logging configuration sends chat logs: exactly one destination.</p>
union DestinationConfiguration {
    /// <p>An Amazon S3 bucket.</p>
    s3: S3DestinationConfiguration

    /// <p>An Amazon CloudWatch Logs log group.</p>
    cloudWatchLogs: CloudWatchLogsDestinationConfiguration

    /// <p>An Amazon Kinesis Data Firehose delivery stream.</p>
    firehose: FirehoseDestinationConfiguration
}

/// <p>Sends chat logs to an Amazon Kinesis Data Firehose delivery stream.</p>
structure FirehoseDestinationConfiguration {
    /// <p>The delivery stream that receives the logs.</p>
    @required
    deliveryStreamName: DeliveryStreamName
}

/// <p>The service failed to process the request. Retrying later may succeed.</p>
@error("server")
@httpError(500)
structure InternalServerException {
    /// <p>A description of the failure.</p>
    @required
    message: ErrorMessage
}

/// <p>A logging configuration as it appears in lists.</p>
structure LoggingConfigurationSummary {
    /// <p>Logging configuration ARN.</p>
    arn: LoggingConfigurationArn

    /// <p>Logging configuration ID, generated by the service.</p>
    id: LoggingConfigurationID

    /// <p>When the logging configuration was created.</p>
    createTime: Time

    /// <p>When the logging configuration was last updated.</p>
    updateTime: Time

    /// <p>Logging configuration name.</p>
    name: LoggingConfigurationName

    /// <p>Where chat logs are sent.</p>
    destinationConfiguration: DestinationConfiguration

    /// <p>The current state of the logging configuration.</p>
    state: LoggingConfigurationState

    /// <p>Tags attached to the logging configuration.</p>
    tags: Tags
}

/// <p>Optional review of each message by an AWS Lambda function before it is delivered to a room.</p>
structure MessageReviewHandler {
    /// <p>Identifies the review handler. Currently this must be the ARN of a Lambda function; in an update, the empty string removes the handler.</p>
    uri: LambdaArn

    /// <p>Whether a message is allowed or denied when the handler does not return a valid response, fails or times out. Default: <code>ALLOW</code>.</p>
    fallbackResult: FallbackResult
}

/// <p>The account is still being verified, so this action is not available to it yet.</p>
@error("client")
@httpError(403)
structure PendingVerification {
    /// <p>A description of the pending verification.</p>
    @required
    message: ErrorMessage
}

/// <p>The resource named in the request does not exist.</p>
@error("client")
@httpError(404)
structure ResourceNotFoundException {
    /// <p>A description of what was not found.</p>
    @required
    message: ErrorMessage

    /// <p>ID of the resource that was not found.</p>
    @required
    resourceId: ResourceId

    /// <p>Type of the resource that was not found.</p>
    @required
    resourceType: ResourceType
}

/// <p>Summary information about a room.</p>
structure RoomSummary {
    /// <p>Room ARN.</p>
    arn: RoomArn

    /// <p>Room ID, generated by the service.</p>
    id: RoomID

    /// <p>Room name.</p>
    name: RoomName

    /// <p>The room's message review handler, if any.</p>
    messageReviewHandler: MessageReviewHandler

    /// <p>When the room was created.</p>
    createTime: Time

    /// <p>When the room was last updated.</p>
    updateTime: Time

    /// <p>Tags attached to the room.</p>
    tags: Tags

    /// <p>The logging configurations of the room.</p>
    loggingConfigurationIdentifiers: LoggingConfigurationIdentifierList
}

/// <p>Sends chat logs to an Amazon S3 bucket.</p>
structure S3DestinationConfiguration {
    /// <p>The bucket that receives the logs.</p>
    @required
    bucketName: BucketName
}

/// <p>The request would exceed a service quota of the account, such as the number of rooms or logging configurations per region.</p>
@error("client")
@httpError(402)
structure ServiceQuotaExceededException {
    /// <p>A description of the quota that was exceeded.</p>
    @required
    message: ErrorMessage

    /// <p>ID of the resource the quota applies to.</p>
    @required
    resourceId: ResourceId

    /// <p>Type of the resource the quota applies to.</p>
    @required
    resourceType: ResourceType

    /// <p>The quota that was exceeded.</p>
    @required
    limit: Limit = 0
}

/// <p>The request rate is higher than allowed; slow down and retry.</p>
@error("client")
@httpError(429)
structure ThrottlingException {
    /// <p>A description of the throttling.</p>
    @required
    message: ErrorMessage

    /// <p>ID of the throttled resource.</p>
    @required
    resourceId: ResourceId

    /// <p>Type of the throttled resource.</p>
    @required
    resourceType: ResourceType

    /// <p>The rate limit that was exceeded.</p>
    @required
    limit: Limit = 0
}

/// <p>The request does not satisfy the constraints of the operation.</p>
@error("client")
@httpError(400)
structure ValidationException {
    /// <p>A description of the validation failure.</p>
    @required
    message: ErrorMessage

    /// <p>Why validation failed.</p>
    @required
    reason: ValidationExceptionReason

    /// <p>The fields that failed validation, when known.</p>
    fieldList: ValidationExceptionFieldList
}

/// <p>One request field that failed validation.</p>
structure ValidationExceptionField {
    /// <p>Name of the field.</p>
    @required
    name: FieldName

    /// <p>Why the field's value is invalid.</p>
    @required
    message: ErrorMessage
}

/// <p>The name of an Amazon S3 bucket.</p>
@length(min: 3, max: 63)
@pattern("^[a-z0-9-.]+$")
string BucketName

/// <p>An encrypted chat token, used by one client to open one WebSocket connection to a room.</p>
@sensitive
string ChatToken

/// <p>Application-provided attributes encoded into a chat token and attached to the chat session. Keys and values may contain any UTF-8 text; the whole map may be at most 1 KB.</p>
@sensitive
map ChatTokenAttributes {
    key: String
    value: String
}

/// <p>The actions a chat token allows. Viewing messages is always allowed and need not be listed.</p>
list ChatTokenCapabilities {
    member: ChatTokenCapability
}

/// <p>An action a chat token allows its user to perform in a room.</p>
enum ChatTokenCapability {
    /// <p>The user may send messages.</p>
    SEND_MESSAGE

    /// <p>The user may disconnect other users.</p>
    DISCONNECT_USER

    /// <p>The user may delete messages.</p>
    DELETE_MESSAGE
}

/// <p>The state of a logging configuration just after it was created.</p>
enum CreateLoggingConfigurationState {
    /// <p>Ready for use.</p>
    ACTIVE
}

/// <p>The name of an Amazon Kinesis Data Firehose delivery stream.</p>
@length(min: 1, max: 64)
@pattern("^[a-zA-Z0-9_.-]+$")
string DeliveryStreamName

/// <p>A human-readable description of an error.</p>
string ErrorMessage

/// <p>Application-defined metadata attached to an event. The whole map may be at most 1 KB.</p>
map EventAttributes {
    key: String
    value: String
}

/// <p>The application-defined name of an event sent to a room.</p>
@length(min: 1, max: 100)
string EventName

/// <p>What happens to a message when the review handler does not answer validly, fails or times out.</p>
enum FallbackResult {
    /// <p>The message is delivered to the room.</p>
    ALLOW

    /// <p>The message is not delivered.</p>
    DENY
}

/// <p>The name of a request field.</p>
string FieldName

/// <p>An identifier generated by Amazon IVS Chat for a request that sends something to a room.</p>
@length(min: 12, max: 12)
@pattern("^[a-zA-Z0-9]+$")
string ID

/// <p>The ARN of an AWS Lambda function, or the empty string (which, in an update, removes the message review handler).</p>
@length(min: 0, max: 170)
@pattern("^$|^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:.+")
string LambdaArn

/// <p>A numeric service limit.</p>
@default(0)
integer Limit

/// <p>The name of an Amazon CloudWatch Logs log group.</p>
@length(min: 1, max: 512)
@pattern("^[\\.\\-_/#A-Za-z0-9]+$")
string LogGroupName

/// <p>The ARN of a logging configuration.</p>
@length(min: 1, max: 128)
@pattern("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:logging-configuration/[a-zA-Z0-9-]+$")
string LoggingConfigurationArn

/// <p>The ID of a logging configuration, generated by the service: the part of its ARN after <code>logging-configuration/</code>.</p>
@length(min: 12, max: 12)
@pattern("^[a-zA-Z0-9]+$")
string LoggingConfigurationID

/// <p>Identifies a logging configuration. Currently this must be its ARN.</p>
@length(min: 1, max: 128)
@pattern("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:logging-configuration/[a-zA-Z0-9-]+$")
string LoggingConfigurationIdentifier

/// <p>The logging configurations of a room; at most 3.</p>
@length(min: 0, max: 3)
list LoggingConfigurationIdentifierList {
    member: LoggingConfigurationIdentifier
}

/// <p>A list of logging configuration summaries.</p>
list LoggingConfigurationList {
    member: LoggingConfigurationSummary
}

/// <p>The name of a logging configuration. Names need not be unique.</p>
@length(max: 128)
@pattern("^[a-zA-Z0-9-_]*$")
string LoggingConfigurationName

/// <p>The lifecycle state of a logging configuration.</p>
enum LoggingConfigurationState {
    /// <p>Being created.</p>
    CREATING

    /// <p>Creation failed.</p>
    CREATE_FAILED

    /// <p>Being deleted.</p>
    DELETING

    /// <p>Deletion failed.</p>
    DELETE_FAILED

    /// <p>Being updated.</p>
    UPDATING

    /// <p>The last update failed.</p>
    UPDATE_FAILED

    /// <p>Ready for use.</p>
    ACTIVE
}

/// <p>The maximum number of logging configurations to return in one page.</p>
@range(min: 1, max: 50)
integer MaxLoggingConfigurationResults

/// <p>The maximum number of rooms to return in one page.</p>
@range(min: 1, max: 50)
integer MaxRoomResults

/// <p>The ID of a chat message, as received by clients in the message's <code>Id</code> field.</p>
@length(min: 12, max: 12)
@pattern("^[a-zA-Z0-9]+$")
string MessageID

/// <p>An opaque token for fetching the next page of a list.</p>
@length(min: 0, max: 1024)
string PaginationToken

/// <p>A free-text reason for an action, shown to the affected clients.</p>
@length(min: 1, max: 256)
string Reason

/// <p>The ARN of a taggable Amazon IVS Chat resource: a room (<code>arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6</code>) or a logging configuration (<code>arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ</code>).</p><p>Deliberate deviation from the published AWS model: its pattern allows only a one-letter resource type (<code>[a-z-]</code>) before the slash, which no real ARN has, so a server validating against it would refuse every tagging call. Ours allows one or more letters and hyphens (<code>[a-z-]+</code>).</p>
@length(min: 1, max: 128)
string ResourceArn

/// <p>The ID of a resource: the last part of its ARN.</p>
@pattern("^[a-zA-Z0-9]+$")
string ResourceId

/// <p>The type of resource an error refers to.</p>
enum ResourceType {
    /// <p>A chat room.</p>
    ROOM
}

/// <p>The ARN of a room.</p>
@length(min: 1, max: 128)
@pattern("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room/[a-zA-Z0-9-]+$")
string RoomArn

/// <p>The ID of a room, generated by the service: the part of the room ARN after <code>room/</code>.</p>
@length(min: 12, max: 12)
@pattern("^[a-zA-Z0-9]+$")
string RoomID

/// <p>Identifies a room. Currently this must be the room's ARN.</p>
@length(min: 1, max: 128)
@pattern("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:room/[a-zA-Z0-9-]+$")
string RoomIdentifier

/// <p>A list of room summaries.</p>
list RoomList {
    member: RoomSummary
}

/// <p>The maximum number of characters in one message. The limit counts Unicode code points, not bytes.</p>
@range(min: 1, max: 500)
integer RoomMaxMessageLength

/// <p>The maximum number of messages per second sent to a room by all its clients.</p>
@range(min: 1, max: 100)
integer RoomMaxMessageRatePerSecond

/// <p>The name of a room. Names need not be unique.</p>
@length(max: 128)
@pattern("^[a-zA-Z0-9-_]*$")
string RoomName

/// <p>How long a chat session lasts, in minutes.</p>
@range(min: 1, max: 180)
integer SessionDurationInMinutes

/// <p>A UTF-8 string.</p>
string String

/// <p>The key of a tag.</p>
@length(min: 1, max: 128)
string TagKey

/// <p>A list of tag keys.</p>
@length(min: 0, max: 50)
list TagKeyList {
    member: TagKey
}

/// <p>The value of a tag.</p>
@length(min: 0, max: 256)
string TagValue

/// <p>Tags, as key-value pairs; at most 50 per resource.</p>
@length(min: 0, max: 50)
map Tags {
    key: TagKey
    value: TagValue
}

/// <p>An instant, sent on the wire as an ISO 8601 (RFC 3339) date-time string.</p>
@timestampFormat("date-time")
timestamp Time

/// <p>The state of a logging configuration just after it was updated.</p>
enum UpdateLoggingConfigurationState {
    /// <p>Ready for use.</p>
    ACTIVE
}

/// <p>Application-provided ID of an end user, any UTF-8 text. Treated as personal data.</p>
@length(min: 1, max: 128)
@sensitive
string UserID

/// <p>The request fields that failed validation.</p>
list ValidationExceptionFieldList {
    member: ValidationExceptionField
}

/// <p>Why a request failed validation.</p>
enum ValidationExceptionReason {
    /// <p>The request names an operation the service does not know.</p>
    UNKNOWN_OPERATION

    /// <p>One or more fields have invalid values; see <code>fieldList</code>.</p>
    FIELD_VALIDATION_FAILED

    /// <p>Any other validation failure.</p>
    OTHER
}

// Deliberate deviation from the published model (see the documentation of ResourceArn): its
// pattern allows a one-letter resource type only, which no real ARN has.
apply ResourceArn @pattern("^arn:aws:ivschat:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+$")
