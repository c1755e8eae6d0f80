// swift-tools-version: 6.2
// Writ for Swift: a statically typed scripting language, its compiler and its VM.
// One module per pipeline stage; see notes/architecture.md and ../shared/spec/design.md §2.
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode, and strict memory safety so
/// that every unsafe expression outside the fenced `@safe` types must say `unsafe`.
let strict: [SwiftSetting] = [
    .strictMemorySafety(),
]

let package = Package(
    name: "Writ",
    products: [
        .library(name: "Writ", targets: ["Writ"]),
        .executable(name: "writ", targets: ["WritCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Front end: source text, tokens, AST, diagnostics.
        .target(name: "WritSyntax", swiftSettings: strict),
        // Type checker: scopes, types, generics instantiation, typed AST, host declarations.
        .target(name: "WritTypes", dependencies: ["WritSyntax"], swiftSettings: strict),
        // The embedding API: the only public surface.
        .target(name: "Writ", dependencies: ["WritSyntax", "WritTypes"], swiftSettings: strict),
        // The `writ` command-line tool.
        .executableTarget(name: "WritCLI", dependencies: [
            "Writ",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        .testTarget(name: "WritSyntaxTests", dependencies: ["WritSyntax"], swiftSettings: strict),
        .testTarget(name: "WritTypesTests", dependencies: ["WritTypes", "WritSyntax"], swiftSettings: strict),
    ]
)
