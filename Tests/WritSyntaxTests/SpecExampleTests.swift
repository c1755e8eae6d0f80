import Foundation
import Testing
@testable import WritSyntax

/// Every ```writ example of language.md, extracted into Tests/Fixtures/spec-examples by
/// scripts/extract-spec-examples, must parse without diagnostics (the erroneous ones of the
/// reference are type errors, not syntax errors).
@Suite struct SpecExampleTests {
    static let corpus = Support.packageRoot.appendingPathComponent("Tests/Fixtures/spec-examples")

    static func sourceFiles() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "writ" }.sorted { $0.path < $1.path }
    }

    @Test func corpusIsThere() {
        // 65 source files when written; a broken path must not make the next test vacuous.
        #expect(SpecExampleTests.sourceFiles().count >= 60)
    }

    @Test(arguments: SpecExampleTests.sourceFiles())
    func parsesWithoutDiagnostics(_ url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        let file = SourceFile(path: url.lastPathComponent, bytes: bytes)
        let result = Parser.parse(file)
        let rendered = result.diagnostics.map { DiagnosticRenderer().render($0, in: file) }.joined()
        #expect(result.diagnostics.isEmpty, "\(rendered)")
        #expect(!result.syntax.items.isEmpty)
    }

    static let spec = Support.packageRoot.appendingPathComponent("../shared/spec/language.md").standardizedFileURL
    static var canCheckFreshness: Bool {
        FileManager.default.fileExists(atPath: spec.path) && FileManager.default.fileExists(atPath: "/usr/bin/python3")
    }

    /// The committed corpus matches the reference, when the reference is at hand.
    @Test(.enabled(if: SpecExampleTests.canCheckFreshness))
    func corpusIsUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Support.packageRoot.appendingPathComponent("scripts/extract-spec-examples").path,
                             "--check", "--spec", SpecExampleTests.spec.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
