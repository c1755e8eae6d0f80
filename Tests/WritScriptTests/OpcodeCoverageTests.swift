import Testing
import Writ
import WritBytecode

/// The instruction set has no dead entries: every opcode in the table is emitted by the
/// compiler for some program of the test corpus (the scripts and the language reference's
/// examples), and the disassembler renders every instruction it emits.
struct OpcodeCoverageTests {
    @Test func everyOpcodeIsEmittedBySomeTestProgramAndDisassembles() throws {
        var emitted: [Opcode: String] = [:]
        var programs = 0
        let corpus = ScriptTests.scripts.map { ($0.name, ["main.writ": $0.source]) }
            + SpecExampleTests.examples.map { ($0.name, $0.files) }
        for (name, files) in corpus {
            guard let program = Harness.compile(files: files) else { continue }  // compile-error tests
            programs += 1
            for (index, function) in program.functions.enumerated() {
                let listing = Disassembler.disassemble(function, index: index, program: program)
                    .split(separator: "\n").dropFirst()  // the header line
                    .filter { !$0.hasPrefix("  refs:") }
                var offset = 0
                var instructions = 0
                while offset < function.code.count {
                    let opcode = try #require(InstructionWord(bits: function.code[offset]).opcode,
                                              "\(name): \(function.name) has an invalid opcode at \(offset)")
                    if emitted[opcode] == nil { emitted[opcode] = name }
                    // The listing's line for this instruction starts with its offset and name.
                    let line = listing.count > instructions ? String(listing[instructions]) : ""
                    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                    #expect(fields.count >= 2 && fields[0] == "\(offset)" && fields[1] == opcode.spec.name,
                            "\(name): \(function.name) @\(offset) \(opcode.spec.name) disassembles as '\(line)'")
                    instructions += 1
                    offset += opcode.spec.storedWords
                }
                #expect(listing.count == instructions, "\(name): \(function.name): listing and code disagree")
            }
        }
        #expect(programs > 200)
        let missing = Opcode.allCases.filter { emitted[$0] == nil }.map(\.spec.name)
        #expect(missing.isEmpty, "opcodes no test program emits: \(missing.joined(separator: ", "))")
    }
}
