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
/// check, typed AST), best of five runs, in wall time and in process CPU time (all threads;
/// less sensitive to other load on the machine). Freeing results is not timed.
@Suite struct CheckerBenchmark {
    static let path = ProcessInfo.processInfo.environment["WRIT_CHECKER_BENCH"]

    @Test(.enabled(if: path != nil))
    func throughput() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path!)))
        let source = SourceFile(path: "bench.writ", bytes: bytes)
        let lines = Double(source.lineStarts.count)
        let timer = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        func cpu() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
        var wallParse = Double.infinity
        var wallAll = Double.infinity
        var cpuParse = Double.infinity
        var cpuAll = Double.infinity
        var diagnostics = 0
        for _ in 0..<5 {
            var parsed: Parser.Result?
            var c = cpu()
            var d = timer.measure { parsed = Parser.parse(source) }
            cpuParse = min(cpuParse, cpu() - c)
            wallParse = min(wallParse, seconds(d))
            #expect(parsed?.diagnostics.isEmpty == true)
            parsed = nil
            var output: TypeChecker.Output?
            c = cpu()
            d = timer.measure { output = TypeChecker.check(entry: source) }
            cpuAll = min(cpuAll, cpu() - c)
            wallAll = min(wallAll, seconds(d))
            diagnostics = output?.diagnostics.count ?? -1
            output = nil
        }
        print(String(format: """
            lines: %.0f, diagnostics: %d
            wall: lex+parse %.1f ms (%.0f lines/s), lex+parse+check %.1f ms (%.0f lines/s)
            cpu:  lex+parse %.1f ms (%.0f lines/s), lex+parse+check %.1f ms (%.0f lines/s)

            """, lines, diagnostics, wallParse * 1e3, lines / wallParse, wallAll * 1e3, lines / wallAll,
                     cpuParse * 1e3, lines / cpuParse, cpuAll * 1e3, lines / cpuAll))
        #expect(diagnostics == 0)
        if let program = TypeChecker.check(entry: source).program {
            #expect(TypedASTValidator.validate(program).isEmpty)
        }
    }
}
