import Foundation
import Testing
import WritSyntax
import WritTypes

/// The type checker benchmark (notes/checker.md), run only when `WRIT_CHECKER_BENCH` names a
/// source file:
///
///     scripts/gen-typed-program 100000 > /tmp/typed.writ
///     WRIT_CHECKER_BENCH=/tmp/typed.writ swift test -c release --filter CheckerBenchmark
///
/// It prints lines per second for lex+parse alone and for the whole front end (lex, parse,
/// check, typed AST), best of five runs.
@Suite struct CheckerBenchmark {
    static let path = ProcessInfo.processInfo.environment["WRIT_CHECKER_BENCH"]

    @Test(.enabled(if: path != nil))
    func throughput() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path!)))
        let source = SourceFile(path: "bench.writ", bytes: bytes)
        let lines = source.lineStarts.count
        let clock = ContinuousClock()
        var bestParse = Duration.seconds(1000)
        var bestAll = Duration.seconds(1000)
        var diagnostics = 0
        for _ in 0..<5 {
            var parsed: Parser.Result?
            let p = clock.measure { parsed = Parser.parse(source) }
            bestParse = min(bestParse, p)
            _ = parsed
            var output: TypeChecker.Output?
            let a = clock.measure { output = TypeChecker.check(entry: source) }
            bestAll = min(bestAll, a)
            diagnostics = output?.diagnostics.count ?? -1
        }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let report = String(format: "lines: %d, diagnostics: %d\nlex+parse: %.1f ms (%.0f lines/s)\nlex+parse+check: %.1f ms (%.0f lines/s)\ncheck alone: %.1f ms (%.0f lines/s)\n",
                            lines, diagnostics, seconds(bestParse) * 1e3, Double(lines) / seconds(bestParse),
                            seconds(bestAll) * 1e3, Double(lines) / seconds(bestAll),
                            (seconds(bestAll) - seconds(bestParse)) * 1e3, Double(lines) / (seconds(bestAll) - seconds(bestParse)))
        print(report)
        #expect(diagnostics == 0)
        if let program = TypeChecker.check(entry: source).program {
            #expect(TypedASTValidator.validate(program).isEmpty)
        }
    }
}
