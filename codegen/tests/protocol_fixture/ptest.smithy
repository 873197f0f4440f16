$version: "2"

// A small restJson1 service with protocol tests of our own: `codegen/tests/protocol_tests.rs`
// generates it with `Settings::protocol_tests` and runs the generated tests. The `Wrong*`
// cases expect what the protocol does not do and must fail.
namespace example.ptest

use aws.protocols#restJson1
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests

@restJson1
service PTest {
    version: "2024-01-01"
    operations: [PutThing, GetThing]
}

@idempotent
@http(method: "PUT", uri: "/things/{id}", code: 200)
@httpRequestTests([
    {
        id: "PutThingRequest"
        documentation: "Label, query, header and JSON body members; the token is filled in."
        protocol: restJson1
        method: "PUT"
        uri: "/things/a%20b"
        queryParams: ["mode=fast"]
        headers: { "X-Count": "3", "Content-Type": "application/json" }
        forbidHeaders: ["X-Missing"]
        body: "{\"ratio\":1.5,\"tags\":[\"x\",\"y\"],\"when\":1,\"kind\":\"big\",\"token\":\"00000000-0000-4000-8000-000000000000\"}"
        bodyMediaType: "application/json"
        params: { id: "a b", mode: "fast", count: 3, ratio: 1.5, tags: ["x", "y"], when: 1, kind: "big" }
        appliesTo: "client"
    }
    {
        id: "PutThingServerRequest"
        protocol: restJson1
        method: "PUT"
        uri: "/things/a%20b"
        queryParams: ["mode=fast"]
        headers: { "X-Count": "3", "Content-Type": "application/json" }
        body: "{\"ratio\":\"NaN\",\"tags\":[],\"kind\":\"small\",\"token\":\"t\"}"
        bodyMediaType: "application/json"
        params: { id: "a b", mode: "fast", count: 3, ratio: "NaN", tags: [], kind: "small", token: "t" }
        appliesTo: "server"
    }
    {
        id: "WrongPutThingPath"
        documentation: "Deliberately wrong: the label is percent-encoded on the wire."
        protocol: restJson1
        method: "PUT"
        uri: "/things/a b"
        params: { id: "a b" }
        appliesTo: "client"
    }
])
@httpResponseTests([
    {
        id: "PutThingResponse"
        protocol: restJson1
        code: 200
        headers: { "X-Count": "4", "Content-Type": "application/json" }
        body: "{\"ratio\":2.5,\"kind\":\"big\",\"blob\":\"aGk=\"}"
        bodyMediaType: "application/json"
        params: { count: 4, ratio: 2.5, kind: "big", blob: "hi" }
    }
    {
        id: "WrongPutThingResponseBody"
        documentation: "Deliberately wrong: the server sends the ratio it is given."
        protocol: restJson1
        code: 200
        body: "{\"ratio\":3.5}"
        bodyMediaType: "application/json"
        params: { ratio: 2.5 }
        appliesTo: "server"
    }
])
operation PutThing {
    input := {
        @required
        @httpLabel
        id: String

        @httpQuery("mode")
        mode: String

        @httpHeader("X-Count")
        count: Integer

        ratio: Double
        tags: Tags
        when: Timestamp
        kind: Kind

        @idempotencyToken
        token: String
    }
    output := {
        @httpHeader("X-Count")
        count: Integer

        ratio: Double
        kind: Kind
        blob: Blob
    }
    errors: [NotFound]
}

@readonly
@http(method: "GET", uri: "/things", code: 200)
operation GetThing {
    output := {
        kind: Kind
    }
}

list Tags {
    member: String
}

enum Kind {
    BIG = "big"
    SMALL = "small"
}

@error("client")
@httpError(404)
@httpResponseTests([
    {
        id: "NotFoundError"
        protocol: restJson1
        code: 404
        headers: { "X-Amzn-Errortype": "NotFound" }
        body: "{\"message\":\"gone\"}"
        bodyMediaType: "application/json"
        params: { message: "gone" }
    }
])
structure NotFound {
    message: String
}
