$version: "2"
namespace ex

structure S {
    a: 
