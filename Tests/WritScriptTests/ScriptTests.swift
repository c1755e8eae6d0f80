import Foundation
import Testing
import Writ

/// One small program per behaviour under Scripts/<feature>/, with its expectations inline
/// (Wren's style):
///
///     print(1 + 2) // expect: 3
///     // expect runtime error: integer overflow
///     // expect error: main.writ:3:7: error: undefined variable 'x'
///
/// `expect:` lines give standard output in order; `expect runtime error:` the first line of
/// the error report (then the trace lines as `// expect trace: at f (main.writ:2)`);
/// `expect error:` a compile diagnostic's first line. Every script runs under every dispatch
/// strategy, and after each run the torn-down VM must hold no objects.
struct ScriptTests {
    struct Script: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var testDescription: String { name }
    }

    static let scripts: [Script] = {
        let root = Harness.packageRoot.appendingPathComponent("Tests/WritScriptTests/Scripts")
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var scripts: [Script] = []
        for case let url as URL in enumerator where url.pathExtension == "writ" {
            let name = url.path.replacingOccurrences(of: root.path + "/", with: "")
            scripts.append(Script(name: name, source: Harness.read(url) ?? ""))
        }
        return scripts.sorted { $0.name < $1.name }
    }()

    struct Expectations {
        var stdout: [String] = []
        var runtimeError: String?
        var trace: [String] = []
        var compileErrors: [String] = []
        /// `// leaks: N` documents a deliberate cycle.
        var leaks = 0
    }

    static func expectations(_ source: String) -> Expectations {
        var result = Expectations()
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let range = line.range(of: "// ") else { continue }
            let comment = line[range.upperBound...]
            if comment.hasPrefix("expect: ") {
                result.stdout.append(String(comment.dropFirst("expect: ".count)))
            } else if comment == "expect:" {
                result.stdout.append("")
            } else if comment.hasPrefix("expect runtime error: ") {
                result.runtimeError = String(comment.dropFirst("expect runtime error: ".count))
            } else if comment.hasPrefix("expect trace: ") {
                result.trace.append(String(comment.dropFirst("expect trace: ".count)))
            } else if comment.hasPrefix("expect error: ") {
                result.compileErrors.append(String(comment.dropFirst("expect error: ".count)))
            } else if comment.hasPrefix("leaks: ") {
                result.leaks = Int(comment.dropFirst("leaks: ".count)) ?? 0
            }
        }
        return result
    }

    @Test(arguments: scripts, ScriptRunner.Dispatch.allCases)
    func script(_ script: Script, dispatch: ScriptRunner.Dispatch) {
        let expected = Self.expectations(script.source)
        let result = Harness.run(script.source, dispatch: dispatch)
        if !expected.compileErrors.isEmpty {
            let reported = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
            #expect(reported == expected.compileErrors, "\(result)")
            #expect(result.stdout.isEmpty && result.exitCode == 1)
            return
        }
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines == expected.stdout, "\(result)")
        if let runtimeError = expected.runtimeError {
            let report = result.stderr.split(separator: "\n").map(String.init)
            #expect(report.first == "Error: \(runtimeError)", "\(result)")
            if !expected.trace.isEmpty {
                #expect(Array(report.dropFirst()).map { $0.trimmingCharacters(in: .whitespaces) } == expected.trace, "\(result)")
            }
            #expect(result.exitCode == 1)
        } else {
            #expect(result.stderr == "" && result.exitCode == 0, "\(result)")
        }
        #expect(result.leakedObjects == expected.leaks, "\(script.name): \(result.leakedObjects) objects leaked")
    }
}
