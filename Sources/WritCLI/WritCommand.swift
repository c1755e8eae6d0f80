import ArgumentParser
import Foundation
import Writ

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
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
