import ArgumentParser
import Writ

/// `writ check FILE...`: reports every compile error of the files (lexical, syntax, type and
/// module errors). Exit status 0 when clean, 1 otherwise.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check Writ source files and report their errors."
    )

    @Argument(help: "The source files to check.")
    var files: [String]

    func run() throws {
        let report = CheckDriver().check(paths: files)
        Terminal.writeError(report.render(colors: Terminal.stderrWantsColor))
        if report.hasErrors { throw ExitCode(1) }
    }
}
