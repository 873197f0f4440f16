$version: "2"
namespace ex
use a#B
use c#B
apply Nope @sensitive
@http(method: GET)
operation Op { input: Unit, output := {}, errors: [] }
