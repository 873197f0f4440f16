$version: "2"
namespace ex

enum Color {
    RED
    GREEN = "green"
}

intEnum Level {
    LOW = 1
    HIGH = 2
}

list Colors {
    member: Color
}

map Levels {
    key: String
    value: Level
}

@documentation("""
    Text
      block
    """)
union Choice {
    a: String
    b: Integer
}
