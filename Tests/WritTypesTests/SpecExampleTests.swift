import Foundation
import Testing
import WritSyntax
import WritTypes

/// Every example of language.md (extracted into Tests/Fixtures/spec-examples by the front
/// end's extractor) type-checks, except the compile-error example of §26.1, which fails
/// with exactly its message and help line. Multi-file examples are directories.
@Suite struct SpecExampleTests {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Fixtures/spec-examples").path
    }()

    static var examples: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in isDirectory(directory + "/" + name) || name.hasSuffix(".writ") }.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil
    }

    @Test func corpusIsPresent() {
        #expect(Self.examples.count > 50)
    }

    @Test(arguments: examples)
    func example(_ name: String) throws {
        let path = Self.directory + "/" + name
        let isDir = Self.isDirectory(path)
        var files: [String: String] = [:]
        let entry: String
        if isDir {
            for f in try FileManager.default.contentsOfDirectory(atPath: path) where f.hasSuffix(".writ") {
                files[f] = try String(contentsOfFile: path + "/" + f, encoding: .utf8)
            }
            entry = "main.writ"
        } else {
            entry = "main.writ"
            files[entry] = try String(contentsOfFile: path, encoding: .utf8)
        }
        let base = isDir ? path : String(path.dropLast(".writ".count))
        let errPath = base + ".err"
        let outPath = base + ".out"
        let output = TypeChecker.check(entry: SourceFile(path: entry, text: files[entry] ?? ""), loader: InMemoryModuleLoader(files))
        if !FileManager.default.fileExists(atPath: outPath), let err = try? String(contentsOfFile: errPath, encoding: .utf8) {
            // A compile error example: the first line is FILE:LINE:COL: error: MESSAGE; a help line may follow.
            let lines = err.split(separator: "\n").map(String.init)
            let head = lines[0]
            let d = try #require(output.diagnostics.first, "expected a compile error")
            let (l, c) = TestSupport.location(d, output)
            #expect("main.writ:\(l):\(c): error: \(d.message)" == head)
            let helps = lines.filter { $0.hasPrefix("help: ") }.map { String($0.dropFirst("help: ".count)) }
            #expect(d.help == helps)
            return
        }
        if !FileManager.default.fileExists(atPath: outPath) && !FileManager.default.fileExists(atPath: errPath) {
            // Illustrative fragments (no output block): must not crash; imports may be missing.
            return
        }
        #expect(output.diagnostics.isEmpty, "\(name):\n\(TestSupport.describe(output))")
        if let p = output.program {
            let problems = TypedASTValidator.validate(p)
            #expect(problems.isEmpty, "\(name): invalid typed AST:\n\(problems.joined(separator: "\n"))")
        }
    }
}
