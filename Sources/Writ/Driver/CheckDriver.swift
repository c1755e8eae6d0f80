#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WritSyntax
import WritTypes

/// Reads source files and runs the front end over them for the `writ` commands.
///
/// `check` parses every file, then type-checks (with its imports) each file that parsed
/// cleanly. Diagnostics come back as data together
/// with the files they point into, and are rendered by `render(colors:)`.
package struct CheckDriver: Sendable {
    /// One file read and parsed.
    package struct ParsedFile: Sendable {
        package var source: SourceFile
        package var result: Parser.Result
    }

    /// The outcome of checking some files.
    package struct Report: Sendable {
        package var files: [ParsedFile] = []
        /// Files that could not be read, with the reason.
        package var unreadable: [(path: String, reason: String)] = []

        /// Type errors (also those in imported modules), each with the file it points into.
        package var typeErrors: [(diagnostic: Diagnostic, file: SourceFile)] = []

        package var diagnostics: [Diagnostic] { files.flatMap(\.result.diagnostics) + typeErrors.map(\.diagnostic) }
        package var hasErrors: Bool {
            !unreadable.isEmpty || files.contains { !$0.result.diagnostics.isEmpty } || !typeErrors.isEmpty
        }

        /// Every diagnostic as text (§26.1), files in the order given.
        package func render(colors: Bool) -> String {
            var out = ""
            for u in unreadable { out += "error: cannot read '\(u.path)': \(u.reason)\n" }
            let renderer = DiagnosticRenderer(colors: colors)
            for f in files {
                for d in f.result.diagnostics { out += renderer.render(d, in: f.source) }
            }
            for e in typeErrors { out += renderer.render(e.diagnostic, in: e.file) }
            return out
        }
    }

    package init() {}

    /// Reads a file's bytes; nil and a reason if it cannot be read.
    package static func read(path: String) -> Result<[UInt8], ReadError> {
        let descriptor = unsafe open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .failure(ReadError(reason: errno == ENOENT || errno == ENOTDIR ? "no such file" : "permission denied or unreadable"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard unsafe fstat(descriptor, &status) == 0 else { return .failure(ReadError(reason: "permission denied or unreadable")) }
        if status.st_mode & S_IFMT == S_IFDIR { return .failure(ReadError(reason: "is a directory")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = unsafe chunk.withUnsafeMutableBytes { unsafe readSome(descriptor, $0) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failure(ReadError(reason: "permission denied or unreadable")) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    package struct ReadError: Error, Sendable {
        package var reason: String
    }

    /// Reads and parses each file, then type-checks each one that parsed cleanly (unless
    /// `typeCheck` is false, as for `writ parse`).
    package func check(paths: [String], typeCheck: Bool = true) -> Report {
        var report = Report()
        var nextID: UInt32 = 0
        for (index, path) in paths.enumerated() {
            switch CheckDriver.read(path: path) {
            case .failure(let e):
                report.unreadable.append((path, e.reason))
            case .success(let bytes):
                let source = SourceFile(path: path, bytes: bytes, id: FileID(UInt32(index)))
                let result = Parser.parse(source, firstNodeID: nextID)
                nextID = result.nextNodeID
                report.files.append(ParsedFile(source: source, result: result))
                if typeCheck && result.diagnostics.isEmpty {
                    // The whole program from this entry file: imports, types (language.md §26).
                    let checked = TypeChecker.check(entry: source, loader: FileModuleLoader())
                    for d in checked.diagnostics {
                        if let file = checked.files.first(where: { $0.id == d.range.file }) { report.typeErrors.append((d, file)) }
                    }
                }
            }
        }
        return report
    }

    /// The AST of a parsed file as an indented outline.
    package func dump(_ file: ParsedFile) -> String {
        ASTDumper.dump(file.result.syntax, file: file.source)
    }

    /// Phase timings of one file for `writ parse --time`: lexing and parsing apart, best of
    /// `repeats` runs (the file is read once, before timing).
    package struct Timing: Sendable {
        package var lines: Int
        package var bytes: Int
        package var tokens: Int
        package var lex: Duration
        package var parse: Duration
        package var total: Duration { lex + parse }

        package var summary: String {
            func ms(_ d: Duration) -> String { fixed(d.seconds * 1e3, digits: 2) + " ms" }
            let seconds = total.seconds
            let rate = seconds > 0 ? Double(lines) / seconds : 0
            return """
                lines: \(lines), bytes: \(bytes), tokens: \(tokens)
                lex: \(ms(lex)), parse: \(ms(parse)), lex+parse: \(ms(total))
                lines/s: \(fixed(rate, digits: 0))
                """
        }
    }

    package func time(path: String, repeats: Int) -> Result<Timing, ReadError> {
        switch CheckDriver.read(path: path) {
        case .failure(let e): .failure(e)
        case .success(let bytes): .success(time(SourceFile(path: path, bytes: bytes), repeats: repeats))
        }
    }

    package func time(_ source: SourceFile, repeats: Int) -> Timing {
        let clock = ContinuousClock()
        var best: Timing? = nil
        for _ in 0..<max(1, repeats) {
            var lexed: Lexer.Output? = nil
            let lex = clock.measure { lexed = Lexer.tokenize(source) }
            // The tree is kept until after the measurement: freeing it is not parsing.
            var result: Parser.Result? = nil
            let parse = clock.measure { result = Parser.parse(source, lexed: lexed!) }
            let count = result?.tokenCount ?? 0
            let t = Timing(lines: source.lineStarts.count, bytes: source.bytes.count, tokens: count, lex: lex, parse: parse)
            if best == nil || t.total < best!.total { best = t }
        }
        return best!
    }
}

/// One `read(2)` into `buffer` (a free function: inside `CheckDriver`, `read` is its own).
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    unsafe read(descriptor, buffer.baseAddress, buffer.count)
}
