import Testing
import WritBytecode
import WritIR
@testable import WritCodegen
import WritVM

/// IR built by hand, through the passes and the code generator, run on the VM.
struct CodegenTests {
    static func fibIR() -> IRFunction {
        var b = IRBuilder(name: "fib", index: 0, file: 0)
        let n = b.newRegister(.int, name: "n")
        b.function.parameters = [n]
        b.function.resultKinds = [.int]
        let base = b.newBlock()
        let recurse = b.newBlock()
        b.line = 2
        let two = b.constInt(2)
        let small = b.binary(.ltI, n, .reg(two))
        b.terminate(.branch(small, then: base, else: recurse))
        b.switchTo(base)
        b.line = 3
        b.terminate(.ret([n]))
        b.switchTo(recurse)
        b.line = 5
        let one = b.constInt(1)
        let a1 = b.binary(.subI, n, .reg(one))
        let r1 = b.newRegister(.int)
        b.emit(.call(0, arguments: [a1], results: [r1]))
        let two2 = b.constInt(2)
        let a2 = b.binary(.subI, n, .reg(two2))
        let r2 = b.newRegister(.int)
        b.emit(.call(0, arguments: [a2], results: [r2]))
        let sum = b.binary(.addI, r1, .reg(r2))
        b.terminate(.ret([sum]))
        return b.finish()
    }

    static func mainIR(calling callee: Int, argument: Int64, index: Int) -> IRFunction {
        var b = IRBuilder(name: "<main>", index: index, file: 0)
        b.function.resultKinds = [.int]
        b.line = 8
        let n = b.constInt(argument)
        let result = b.newRegister(.int)
        b.emit(.call(callee, arguments: [n], results: [result]))
        b.terminate(.ret([result]))
        return b.finish()
    }

    static func compile(_ functions: [IRFunction], entry: Int) throws -> BytecodeProgram {
        var program = IRProgram()
        program.files = ["test.writ"]
        program.entry = entry
        for var function in functions {
            try PassPipeline.run(&function, verify: true)
            program.functions.append(function)
        }
        return try CodeGenerator.generate(program)
    }

    static func run(_ program: BytecodeProgram, _ strategy: DispatchStrategy) throws -> [UInt64] {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        let vm = try VirtualMachine(program: program, configuration: configuration)
        return try vm.call(function: program.entry, arguments: [])
    }

    @Test func fibonacciPassesFuseTheComparisonAndUseImmediates() throws {
        var fib = Self.fibIR()
        try PassPipeline.run(&fib, verify: true)
        #expect(IRPrinter.print(fib) == """
            func fib(%0: int) -> int
            b0:
              br.lt.i %0, #2 -> b1, b2
            b1:
              ret %0
            b2:
              %4 = sub.i %0, #1
              %5 = call f0(%4)
              %7 = sub.i %0, #2
              %8 = call f0(%7)
              %9 = add.i %5, %8
              ret %9

            """)
    }

    @Test(arguments: DispatchStrategy.allCases)
    func fibonacciRuns(strategy: DispatchStrategy) throws {
        let program = try Self.compile([Self.fibIR(), Self.mainIR(calling: 0, argument: 20, index: 1)], entry: 1)
        #expect(try Self.run(program, strategy) == [6765])
    }

    @Test func fibonacciCodeIsSevenInstructionsPerCall() throws {
        let program = try Self.compile([Self.fibIR(), Self.mainIR(calling: 0, argument: 20, index: 1)], entry: 1)
        let text = Disassembler.disassemble(program.functions[0], index: 0, program: program)
        let opcodes = text.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        // The arguments are computed straight into the call windows and the first result
        // stays in its window: no moves.
        #expect(opcodes == ["jge.ik", "ret", "sub.ik", "call", "sub.ik", "call", "add.i", "ret"], "\(text)")
    }
}
