$version: "1.0"
namespace ex

set Names {
    member: String
}

structure S {
    count: PrimitiveInteger
    @box
    other: Integer
}
