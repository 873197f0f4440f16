$version: "2"
namespace ex

structure S {
    $missing
}
string é
