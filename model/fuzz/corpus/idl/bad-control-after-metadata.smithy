metadata tags = ["a", "b"]
metadata nested = {key: [1, 2.5, -3e2, true, null]}
$version: "2"
