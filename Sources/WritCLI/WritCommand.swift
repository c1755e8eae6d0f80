import ArgumentParser
import Writ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `writ`: checks and runs Writ scripts.
@main
struct WritCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writ",
        abstract: "Check and run Writ scripts.",
        version: WritVersion.string,
        subcommands: [RunCommand.self, CheckCommand.self, ParseCommand.self, DisasmCommand.self]
    )
}

/// Where diagnostics go: standard error, coloured only when it is a terminal and `NO_COLOR`
/// is not set.
enum Terminal {
    static var stderrWantsColor: Bool {
        unsafe isatty(STDERR_FILENO) != 0 && getenv("NO_COLOR") == nil
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        writeAll(text, to: STDERR_FILENO)
    }

    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        writeAll(text, to: STDOUT_FILENO)
    }
}
