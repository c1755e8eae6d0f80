import ArgumentParser
import Writ

/// `writ parse FILE`: parses one file; `--dump` prints its syntax tree, `--time` the time
/// spent lexing and parsing (for the front-end benchmark, notes/frontend.md).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a Writ source file, optionally printing its syntax tree or timings."
    )

    @Flag(help: "Print the syntax tree as an indented outline.")
    var dump = false

    @Flag(help: "Print lexing and parsing times (best of --repeat runs) and lines per second.")
    var time = false

    @Option(help: "How many times to lex and parse for --time.")
    var `repeat` = 5

    @Argument(help: "The source file to parse.")
    var file: String

    func run() throws {
        let driver = CheckDriver()
        let report = driver.check(paths: [file], typeCheck: false)
        if dump, let parsed = report.files.first {
            Terminal.write(driver.dump(parsed))
        }
        if time {
            switch driver.time(path: file, repeats: `repeat`) {
            case .success(let timing): Terminal.write(timing.summary + "\n")
            case .failure: break  // reported by `check` above
            }
        }
        Terminal.writeError(report.render(colors: Terminal.stderrWantsColor))
        if report.hasErrors { throw ExitCode(1) }
    }
}
