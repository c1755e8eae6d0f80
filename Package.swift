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
        // Typed register IR, its passes, printer and verifier (lowering from the typed AST too).
        .target(name: "WritIR", dependencies: ["WritTypes", "WritSyntax", "WritBytecode"], swiftSettings: strict),
        // IR -> bytecode: slot allocation, instruction selection, constants, line map.
        .target(name: "WritCodegen", dependencies: ["WritIR", "WritBytecode"], swiftSettings: strict),
        // The one instruction table, encoding, program format, disassembler, dispatch renderer.
        .target(name: "WritBytecode", swiftSettings: strict),
        // Generated C trampolines for direct threading (rendered by WritGen, never edited by hand).
        .target(name: "CWritDispatch"),
        // The virtual machine: slots, frames, heap objects, dispatch loops.
        .target(name: "WritVM", dependencies: ["WritBytecode", "CWritDispatch"], swiftSettings: strict),
        // Developer tool that renders every derived file from the instruction table.
        .executableTarget(name: "WritGen", dependencies: ["WritBytecode"], swiftSettings: strict),
        // The embedding API: the only public surface.
        .target(name: "Writ", dependencies: ["WritSyntax", "WritTypes", "WritIR", "WritCodegen", "WritBytecode", "WritVM"],
                swiftSettings: strict),
        // The `writ` command-line tool.
        .executableTarget(name: "WritCLI", dependencies: [
            "Writ",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        .testTarget(name: "WritSyntaxTests", dependencies: ["WritSyntax"], swiftSettings: strict),
        .testTarget(name: "WritBytecodeTests", dependencies: ["WritBytecode"], swiftSettings: strict),
        .testTarget(name: "WritIRTests", dependencies: ["WritIR", "WritBytecode"], swiftSettings: strict),
        .testTarget(name: "WritCodegenTests", dependencies: ["WritCodegen", "WritIR", "WritBytecode", "WritVM"], swiftSettings: strict),
        .testTarget(name: "WritVMTests", dependencies: ["WritVM", "WritBytecode"], swiftSettings: strict),
        .testTarget(name: "WritScriptTests", dependencies: ["Writ", "WritSyntax", "WritTypes", "WritBytecode"],
                    exclude: ["Scripts"], swiftSettings: strict),
        .testTarget(name: "WritTypesTests", dependencies: ["WritTypes", "WritSyntax"], swiftSettings: strict),
        .testTarget(name: "WritTests", dependencies: ["Writ"], swiftSettings: strict),
        // Benchmarks/compare (python) on the recorded runner results in Benchmarks/samples/.
        .testTarget(name: "BenchmarkToolTests", swiftSettings: strict),
    ]
)
