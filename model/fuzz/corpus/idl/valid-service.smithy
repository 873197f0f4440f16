$version: "2"
namespace ex

service Chat {
    version: "2020-01-01"
    operations: [GetRoom]
    resources: [RoomResource]
}

resource RoomResource {
    identifiers: { id: String }
    read: GetRoom
}

@readonly
@http(method: "GET", uri: "/rooms/{id}")
operation GetRoom {
    input := for RoomResource {
        @required
        @httpLabel
        $id
    }
    output := {
        name: String
    }
    errors: [NotFound]
}

@error("client")
structure NotFound {}
