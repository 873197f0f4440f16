$version: "2"
namespace ex

@mixin
structure A with [B] {}
@mixin
structure B with [A] {}
