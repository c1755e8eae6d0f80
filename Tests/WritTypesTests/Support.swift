import Testing
import WritSyntax
import WritTypes

/// Test helpers. Sources may contain the marker `@@` where an error is expected; it is
/// removed before checking and its line:column is the expected location.
enum TestSupport {
    static let marker = "@@"

    /// Removes markers; returns the text and the 1-based line:column of each marker.
    static func extractMarkers(_ source: String) -> (String, [(Int, Int)]) {
        var text = ""
        var locations: [(Int, Int)] = []
        var line = 1
        var column = 1
        var rest = Substring(source)
        while !rest.isEmpty {
            if rest.hasPrefix(marker) {
                locations.append((line, column))
                rest = rest.dropFirst(marker.count)
                continue
            }
            let c = rest.unicodeScalars.first!
            text.unicodeScalars.append(c)
            rest = Substring(rest.unicodeScalars.dropFirst())
            if c == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (text, locations)
    }

    static func check(_ source: String, files: [String: String] = [:], host: HostDeclarations = HostDeclarations()) -> TypeChecker.Output {
        var all = files
        all["main.writ"] = source
        return TypeChecker.check(entry: SourceFile(path: "main.writ", text: source), loader: InMemoryModuleLoader(all), host: host)
    }

    static func location(_ d: Diagnostic, _ output: TypeChecker.Output) -> (Int, Int) {
        let file = output.files.first { $0.id == d.range.file } ?? output.files[0]
        let lc = file.lineAndColumn(of: Int(d.range.start))
        return (lc.line, lc.column)
    }

    static func describe(_ output: TypeChecker.Output) -> String {
        output.diagnostics.map { d in
            let (l, c) = location(d, output)
            let file = output.files.first { $0.id == d.range.file }?.path ?? "?"
            return "\(file):\(l):\(c): \(d.message)" + d.help.map { " [help: \($0)]" }.joined()
        }.joined(separator: "\n")
    }
}

/// Checks that `source` type-checks; returns the program.
@discardableResult
func expectChecks(_ source: String, files: [String: String] = [:], host: HostDeclarations = HostDeclarations(),
                  sourceLocation: SourceLocation = #_sourceLocation) -> TypedProgram? {
    let output = TestSupport.check(source, files: files, host: host)
    #expect(output.diagnostics.isEmpty, "unexpected diagnostics:\n\(TestSupport.describe(output))", sourceLocation: sourceLocation)
    if let p = output.program {
        let problems = TypedASTValidator.validate(p)
        #expect(problems.isEmpty, "invalid typed AST:\n\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
    return output.program
}

/// Checks that `source` fails with `message` (exactly) at the `@@` marker (or at
/// `line:column` when given); with `only`, that it is the only diagnostic.
func expectError(_ source: String, _ message: String, at explicit: (Int, Int)? = nil, help: String? = nil, only: Bool = true,
                 files: [String: String] = [:], host: HostDeclarations = HostDeclarations(),
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let (text, markers) = TestSupport.extractMarkers(source)
    let output = TestSupport.check(text, files: files, host: host)
    #expect(output.program == nil, "expected an error", sourceLocation: sourceLocation)
    guard let d = output.diagnostics.first(where: { $0.message == message }) else {
        Issue.record("no diagnostic '\(message)'; got:\n\(TestSupport.describe(output))", sourceLocation: sourceLocation)
        return
    }
    let expected = explicit ?? markers.first
    if let expected {
        let actual = TestSupport.location(d, output)
        #expect(actual == expected, "'\(message)' at \(actual), expected \(expected)\n\(TestSupport.describe(output))",
                sourceLocation: sourceLocation)
    }
    if let help { #expect(d.help == [help], "help: \(d.help)", sourceLocation: sourceLocation) }
    if only {
        #expect(output.diagnostics.count == 1, "expected one diagnostic:\n\(TestSupport.describe(output))", sourceLocation: sourceLocation)
    }
}

/// The dump of a checked program, or "" with a recorded issue.
func dump(_ source: String, files: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    guard let p = expectChecks(source, files: files, sourceLocation: sourceLocation) else { return "" }
    return TypedASTPrinter.dump(p)
}
