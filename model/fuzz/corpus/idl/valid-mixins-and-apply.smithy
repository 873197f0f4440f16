$version: "2"
namespace ex

@mixin
structure Base {
    id: String
}

structure Thing with [Base] {
    other: String
}

apply Thing$id @documentation("The id")
apply Base {
    @deprecated
}
