import ArgumentParser
import Writ

/// `writ run FILE`: checks the program, runs its top-level code, then frames while
/// coroutines are alive (language.md §27.1). Exit status 0 on success, 1 on a compile or
/// runtime error.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Writ script."
    )

    @Argument(help: "The script to run.")
    var file: String

    @Option(help: "Run at most this many frames after the top-level code.")
    var frames: Int = 10_000

    @Option(help: "How the VM dispatches instructions: \(ScriptRunner.Dispatch.allValueStrings.joined(separator: ", ")).")
    var dispatch: ScriptRunner.Dispatch = .direct

    @Flag(help: "Print statistics (instructions executed, time, heap) to standard error.")
    var stats = false

    func run() throws {
        let compilation = Compiler.compile(path: file)
        Terminal.writeError(compilation.renderDiagnostics(colors: Terminal.stderrWantsColor))
        guard let program = compilation.program else { throw ExitCode(1) }
        var options = ScriptRunner.Options()
        options.dispatch = dispatch
        options.frames = frames
        options.statistics = stats
        let outcome = ScriptRunner.run(program, options: options)
        if let error = outcome.error { Terminal.writeError(error) }
        if stats {
            var text = "instructions: \(outcome.instructions)\n"
            text += "time: \(fixed(outcome.seconds, digits: 3)) s\n"
            text += "live objects after teardown: \(outcome.leakedObjects) (\(outcome.leakedBytes) bytes)\n"
            Terminal.writeError(text)
        }
        if outcome.error != nil { throw ExitCode(1) }
    }
}

extension ScriptRunner.Dispatch: ExpressibleByArgument {}
