import Synchronization
import WritBytecode
import WritSyntax

/// Compiles scripts into modules that `WritVM`s run (design.md §7).
///
/// A fresh engine gives scripts nothing beyond the language itself. Compiling the same
/// source twice returns the module compiled the first time (an in-memory cache keyed by
/// the FNV-1a hash of the file name and text, checked against the text itself).
public final class WritEngine: Sendable {
    public let configuration: EngineConfiguration
    private let cache = Mutex<[UInt64: [WritModule]]>([:])

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }

    /// Compiles a program given as text. `name` is the file name used in messages and
    /// traces; imports are not available to a program compiled from text.
    public func compile(source: String, name: String = "main.writ") throws(WritCompileError) -> WritModule {
        let bytes = Array(source.utf8)
        let key = Self.hash(name: name, bytes: bytes)
        if let cached = cache.withLock({ $0[key]?.first { $0.name == name && $0.source == bytes } }) {
            return cached
        }
        let compilation = Compiler.compile(SourceFile(path: name, bytes: bytes))
        let module = try WritModule(compilation, name: name, source: bytes)
        cache.withLock { $0[key, default: []].append(module) }
        return module
    }

    /// Compiles the program whose entry file is at `path` (its imports are read relative
    /// to it).
    public func compile(file path: String) throws(WritCompileError) -> WritModule {
        try WritModule(Compiler.compile(path: path), name: path, source: [])
    }

    /// FNV-1a, 64 bits, over the name, a zero byte and the text.
    static func hash(name: String, bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        for byte in name.utf8 { mix(byte) }
        mix(0)
        for byte in bytes { mix(byte) }
        return hash
    }
}

/// A compiled program: bytecode plus the signatures of the functions a host may call.
public final class WritModule: Sendable {
    /// The entry file's name or path.
    public let name: String
    let source: [UInt8]
    let program: BytecodeProgram
    let exports: [String: ExportedFunction]

    init(_ compilation: Compilation, name: String, source: [UInt8]) throws(WritCompileError) {
        guard let program = compilation.program else {
            throw WritCompileError(compilation)
        }
        self.name = name
        self.source = source
        self.program = program
        self.exports = compilation.exports
    }

    /// The top-level functions of the entry file, by name.
    public var functionNames: [String] { exports.keys.sorted() }
}

/// A program that does not compile: every diagnostic, rendered as `writ check` prints them.
public struct WritCompileError: Error, CustomStringConvertible, Sendable {
    public struct Diagnostic: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    public let diagnostics: [Diagnostic]
    /// The diagnostics in the format of language.md §26.1.
    public let description: String

    init(_ compilation: Compilation) {
        var diagnostics: [Diagnostic] = []
        for diagnostic in compilation.diagnostics {
            if let file = compilation.files.first(where: { $0.id == diagnostic.range.file }) {
                let (line, column) = file.lineAndColumn(of: Int(diagnostic.range.start))
                diagnostics.append(Diagnostic(file: file.path, line: line, column: column, message: diagnostic.message))
            } else {
                diagnostics.append(Diagnostic(file: "?", line: 0, column: 0, message: diagnostic.message))
            }
        }
        self.diagnostics = diagnostics
        self.description = compilation.renderDiagnostics(colors: false)
    }
}
