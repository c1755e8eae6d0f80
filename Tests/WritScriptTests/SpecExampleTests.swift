import Foundation
import Testing
import Writ

/// Every example of the language reference (Tests/Fixtures/spec-examples, extracted by
/// scripts/extract-spec-examples) run with its exact expected output.
///
/// `notYetSupported` lists the examples that need features not implemented yet; each of
/// them must fail with a "not supported yet" compile error (never a wrong answer), and the
/// list must shrink as features land: an example on it that passes is a test failure too.
struct SpecExampleTests {
    static let notYetSupported: Set<String> = []

    struct Example: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var stdout: String?
        var stderr: String?
        var testDescription: String { name }
    }

    static let examples: [Example] = {
        let root = Harness.packageRoot.appendingPathComponent("Tests/Fixtures/spec-examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var examples: [Example] = []
        for name in names.sorted() {
            let url = root.appendingPathComponent(name)
            var files: [String: String] = [:]
            var base = name
            if name.hasSuffix(".writ") {
                base = String(name.dropLast(5))
                files["main.writ"] = Harness.read(url)
            } else if !name.contains(".") {
                for file in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                    files[file] = Harness.read(url.appendingPathComponent(file))
                }
            } else {
                continue
            }
            let stdout = Harness.read(root.appendingPathComponent(base + ".out"))
            let stderr = Harness.read(root.appendingPathComponent(base + ".err"))
            guard stdout != nil || stderr != nil else { continue }
            examples.append(Example(name: base, files: files, stdout: stdout, stderr: stderr))
        }
        return examples
    }()

    @Test(arguments: examples, ScriptRunner.Dispatch.allCases)
    func example(_ example: Example, dispatch: ScriptRunner.Dispatch) {
        let result = Harness.run(files: example.files, dispatch: dispatch)
        if Self.notYetSupported.contains(example.name) {
            #expect(result.stderr.contains("not supported yet"), "\(example.name) now compiles: remove it from the list\n\(result)")
            return
        }
        #expect(result.stdout == (example.stdout ?? ""), "\(result)")
        #expect(result.stderr == (example.stderr ?? ""), "\(result)")
        #expect(result.leakedObjects == 0)
    }
}
