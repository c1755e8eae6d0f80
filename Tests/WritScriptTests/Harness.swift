#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import Writ
import WritSyntax
import WritTypes
import WritBytecode

/// Compiles and runs Writ programs in memory the way `writ run` does, capturing standard
/// output and the error report.
enum Harness {
    struct Result: Equatable, CustomStringConvertible {
        var stdout: String
        var stderr: String
        var exitCode: Int
        /// Objects still allocated after the VM was torn down (must be 0: no leaks).
        var leakedObjects: Int

        var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)--- stderr\n\(stderr)--- leaked \(leakedObjects)" }
    }

    /// Collects what the program prints.
    final class Output: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    /// Runs `files[entry]`; other files are importable modules.
    static func run(files: [String: String], entry: String = "main.writ", dispatch: ScriptRunner.Dispatch = .direct,
                    stackSlots: Int? = nil) -> Result
    {
        let source = SourceFile(path: entry, text: files[entry] ?? "")
        var options = Compiler.Options()
        options.verifyIR = true
        let compilation = Compiler.compile(source, loader: InMemoryModuleLoader(files), options: options)
        guard let program = compilation.program else {
            return Result(stdout: "", stderr: compilation.renderDiagnostics(colors: false), exitCode: 1, leakedObjects: 0)
        }
        let output = Output()
        var runOptions = ScriptRunner.Options()
        runOptions.dispatch = dispatch
        if let stackSlots { runOptions.stackSlots = stackSlots }
        let outcome = ScriptRunner.run(program, options: runOptions) { bytes in
            output.bytes.withLock { $0.append(contentsOf: bytes) }
        }
        return Result(stdout: output.text, stderr: outcome.error ?? "", exitCode: outcome.error == nil ? 0 : 1,
                      leakedObjects: outcome.leakedObjects)
    }

    static func run(_ source: String, dispatch: ScriptRunner.Dispatch = .direct) -> Result {
        run(files: ["main.writ": source], dispatch: dispatch)
    }

    /// The package root, found from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Harness {
    /// Compiles `files[entry]` (other files are importable modules) without running it.
    static func compile(files: [String: String], entry: String = "main.writ") -> BytecodeProgram? {
        let source = SourceFile(path: entry, text: files[entry] ?? "")
        var options = Compiler.Options()
        options.verifyIR = true
        return Compiler.compile(source, loader: InMemoryModuleLoader(files), options: options).program
    }
}
