import ArgumentParser
import Writ

/// `writ disasm FILE`: the IR of every function before and after the passes, then the
/// bytecode with the source lines it came from.
struct DisasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "Show the IR and bytecode a Writ script compiles to."
    )

    @Argument(help: "The script to disassemble.")
    var file: String

    @Flag(help: "Show only the bytecode.")
    var bytecodeOnly = false

    func run() throws {
        var options = Compiler.Options()
        options.keepIR = true
        let compilation = Compiler.compile(path: file, options: options)
        Terminal.writeError(compilation.renderDiagnostics(colors: Terminal.stderrWantsColor))
        guard let program = compilation.program else { throw ExitCode(1) }
        Terminal.write(Disassembly.render(compilation, program: program, includeIR: !bytecodeOnly))
    }
}
