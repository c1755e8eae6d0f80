// swift-tools-version: 6.1
// The engine's micro-benchmarks (issue 6), kept in their own package so that building and
// testing the main package stays fast. Run from this folder:
//
//     swift package benchmark                       # every benchmark
//     swift package benchmark --filter 'calls.*'    # some
//
// Peer comparisons (Lua, LuaJIT, C) are made by `./compare`, not here.
import PackageDescription

let package = Package(
    name: "WritBenchmarks",
    dependencies: [
        .package(name: "Writ", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "WritBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Writ", package: "Writ"),
            ],
            path: "Benchmarks/WritBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
