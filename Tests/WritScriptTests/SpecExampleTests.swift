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
    static let notYetSupported: Set<String> = [
        "005-2.9-statement-termination",
        "009-4.4-type-inference",
        "014-6.6-concatenation-and-ranges-..-and-..",
        "017-7.4-while-and-for",
        "020-8.4-variadic-parameters",
        "022-9.1-lambda-syntax",
        "023-9.2-capture-by-reference",
        "024-9.3-loop-variables",
        "025-10.1-declaration",
        "026-10.3-constructors",
        "027-10.4-methods-and-self",
        "028-10.5-static-methods",
        "029-10.6-setters",
        "030-10.7-inheritance",
        "031-10.9-operator-methods",
        "032-11.1-declaration",
        "033-12.2-value-semantics",
        "034-12.3-mutating-struct-values",
        "035-13.1-simple-enums",
        "036-13.2-fields-and-methods",
        "037-14.1-forms",
        "038-14.3-exhaustiveness",
        "039-14.4-binding-tests-in-if",
        "040-15.2-operations",
        "041-15.3-narrowing",
        "042-16.3-propagation-with",
        "043-17.3-element-access",
        "044-18.1-arrays",
        "045-18.1-arrays",
        "046-18.2-dictionaries",
        "047-19.2-string-members",
        "049-20.1-generic-functions-and-types",
        "050-20.3-what-a-type-parameter-allows",
        "053-22.4-nested-coroutines-and-return-values",
        "054-22.5-ownership-and-cancellation",
        "056-23.2-weak-fields",
        "057-23.3-destroy",
        "059-24.2-strings-in-nested-form",
        "063-27.1-usage",
    ]

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
