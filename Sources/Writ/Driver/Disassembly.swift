import WritBytecode
import WritIR

/// The text `writ disasm` prints.
package enum Disassembly {
    package static func render(_ compilation: Compilation, program: BytecodeProgram, includeIR: Bool) -> String {
        var out = ""
        if includeIR {
            out += "== IR before passes ==\n"
            for function in compilation.irBefore { out += IRPrinter.print(function) + "\n" }
            out += "== IR after passes ==\n"
            for function in compilation.irAfter { out += IRPrinter.print(function) + "\n" }
            out += "== bytecode ==\n"
        }
        out += Disassembler.disassemble(program, sourceLines: { compilation.sourceLine(file: $0, line: $1) })
        return out
    }
}
