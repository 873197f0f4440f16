$version: "2"
namespace ex

/// A room.
@length(min: 1, max: 10)
string Name

structure Room {
    @required
    name: Name
    size: Integer = 0
}
