$version: "2"
namespace ex

@documentation("unterminated
