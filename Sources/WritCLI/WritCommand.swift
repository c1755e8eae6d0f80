import ArgumentParser
import Writ

/// `writ`: checks and runs Writ scripts.
@main
struct WritCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writ",
        abstract: "Check and run Writ scripts.",
        version: WritVersion.string,
        subcommands: []
    )
}
