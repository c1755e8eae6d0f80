import Testing
import WritBytecode
@testable import WritVM

/// Programs assembled by hand (the VM tests never compile source), run under every
/// dispatch strategy.
struct HandAssembledTests {
    /// fib(n) with the frame layout of InstructionSet.swift:
    /// slot 0 = n; window 1: [1 result][2 pc][3 fp][4 arg]; window 2: [5 result][6 pc][7 fp][8 arg]; 9 = sum.
    static func fibProgram(n: Int) -> BytecodeProgram {
        var program = BytecodeProgram()
        program.files = ["fib.writ"]
        var fib = CodeBuilder()
        let recurse = fib.makeLabel()
        fib.setLine(2)
        fib.emitJump(.jgeIK, a: 0, b: 2, to: recurse)   // if n >= 2 goto recurse
        fib.setLine(3)
        fib.emit(.ret, x: 1, a: 0)
        fib.bind(recurse)
        fib.setLine(5)
        fib.emit(.subIK, a: 4, b: 0, c: 1)
        fib.emit(.call, a: 4, bc: 0, extra: [0, 0])
        fib.emit(.subIK, a: 8, b: 0, c: 2)
        fib.emit(.call, a: 8, bc: 0, extra: [0, 0])
        fib.emit(.addI, a: 9, b: 1, c: 5)
        fib.emit(.ret, x: 1, a: 9)
        try! fib.finish()
        program.functions.append(BytecodeFunction(
            name: "fib", code: fib.code, slotKinds: Array(repeating: .scalar, count: 10), parameterCount: 1,
            resultKinds: [.scalar], file: 0, lines: fib.lines))

        // main: slot 0 result, 1-2 header, 3 arg; returns fib(n).
        var main = CodeBuilder()
        main.setLine(8)
        main.emit(.loadI, a: 3, bc: n)
        main.emit(.call, a: 3, bc: 0, extra: [0, 0])
        main.emit(.ret, x: 1, a: 0)
        try! main.finish()
        program.functions.append(BytecodeFunction(
            name: "<main>", code: main.code, slotKinds: Array(repeating: .scalar, count: 4), parameterCount: 0,
            resultKinds: [.scalar], file: 0, lines: main.lines))
        program.entry = 1
        return program
    }

    /// sum of i % 7 for i in 0..<n: slots 0 sum, 1 i, 2 last (n - 1), 3 tmp.
    static func loopProgram(n: Int) -> BytecodeProgram {
        var program = BytecodeProgram()
        program.files = ["loop.writ"]
        var main = CodeBuilder()
        let body = main.makeLabel()
        let done = main.makeLabel()
        main.setLine(1)
        main.emit(.loadI, a: 0, bc: 0)
        main.emit(.loadI, a: 1, bc: 0)
        main.emit(.loadI, a: 2, bc: n - 1)
        main.emitJump(.jltI, a: 2, b: 1, to: done)   // if last < i: skip
        main.bind(body)
        main.setLine(2)
        main.emit(.remIK, a: 3, b: 1, c: 7, extra: [CodeBuilder.reciprocal(of: 7)])
        main.emit(.addI, a: 0, b: 0, c: 3)
        main.emitJump(.forLoopI, a: 1, b: 2, to: body)
        main.bind(done)
        main.emit(.ret, x: 1, a: 0)
        try! main.finish()
        program.functions.append(BytecodeFunction(
            name: "<main>", code: main.code, slotKinds: Array(repeating: .scalar, count: 4), parameterCount: 0,
            resultKinds: [.scalar], file: 0, lines: main.lines))
        return program
    }

    static func run(_ program: BytecodeProgram, _ strategy: DispatchStrategy) throws -> [UInt64] {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        let vm = try VirtualMachine(program: program, configuration: configuration)
        return try vm.call(function: program.entry, arguments: [])
    }

    @Test(arguments: DispatchStrategy.allCases)
    func fibonacci(strategy: DispatchStrategy) throws {
        #expect(try Self.run(Self.fibProgram(n: 20), strategy) == [6765])
        #expect(try Self.run(Self.fibProgram(n: 1), strategy) == [1])
    }

    @Test(arguments: DispatchStrategy.allCases)
    func loopSum(strategy: DispatchStrategy) throws {
        let expected = (0..<100_000).reduce(0) { $0 + $1 % 7 }
        #expect(try Self.run(Self.loopProgram(n: 100_000), strategy) == [UInt64(expected)])
        #expect(try Self.run(Self.loopProgram(n: 0), strategy) == [0])
    }

    @Test(arguments: DispatchStrategy.allCases)
    func deepRecursionOverflowsCleanly(strategy: DispatchStrategy) throws {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        configuration.stackSlots = 4096
        let vm = try VirtualMachine(program: Self.fibProgram(n: 5000), configuration: configuration)
        do {
            _ = try vm.call(function: 1, arguments: [])
            Issue.record("expected a stack overflow")
        } catch {
            #expect(error.message == "stack overflow")
            #expect(error.trace.first?.function == "fib")
            #expect(error.trace.last?.function == "<main>")
            #expect(error.omittedFrames > 0)
        }
        // The VM stays usable after the error: the same call fails the same way again.
        #expect(throws: RuntimeError.self) { _ = try vm.call(function: 1, arguments: []) }
    }
}

/// Debug hooks: the hooked handlers report lines, calls, returns and breakpoints, and can
/// stop the program.
struct DebugHookTests {
    @Test func hooksReportCallsLinesAndBreakpoints() throws {
        var events: [DebugHooks.Event] = []
        let hooks = DebugHooks { event in
            events.append(event)
            return true
        }
        hooks.breakpoints = [DebugHooks.Breakpoint(file: "fib.writ", line: 3)]
        var configuration = VirtualMachine.Configuration()
        configuration.debugHooks = hooks
        let vm = try VirtualMachine(program: HandAssembledTests.fibProgram(n: 2), configuration: configuration)
        #expect(try vm.call(function: 1, arguments: []) == [1])
        #expect(events.first == .call(function: "<main>"))
        #expect(events.contains(.call(function: "fib")))
        #expect(events.contains(.line(function: "fib", file: "fib.writ", line: 5)))
        #expect(events.contains(.breakpoint(file: "fib.writ", line: 3)))
        #expect(events.filter { $0 == .ret(function: "fib") }.count == 3)
        #expect(events.last == .ret(function: "<main>"))
    }

    @Test func aHookCanStopTheProgram() throws {
        let hooks = DebugHooks { event in
            if case .call(function: "fib") = event { return false }
            return true
        }
        var configuration = VirtualMachine.Configuration()
        configuration.debugHooks = hooks
        let vm = try VirtualMachine(program: HandAssembledTests.fibProgram(n: 10), configuration: configuration)
        do {
            _ = try vm.call(function: 1, arguments: [])
            Issue.record("expected the debugger to stop the program")
        } catch {
            #expect(error.message == "stopped by the debugger")
            #expect(error.trace.map(\.function) == ["fib", "<main>"])
        }
    }

    /// Only direct threading has a hooked variant: asking for hooks with another strategy is
    /// an error, not a silently unhooked run.
    @Test(arguments: [DispatchStrategy.switch, .call])
    func hooksNeedDirectThreading(_ strategy: DispatchStrategy) {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        configuration.debugHooks = DebugHooks { _ in true }
        #expect(throws: LoadedProgram.LoadError.self) {
            _ = try VirtualMachine(program: HandAssembledTests.fibProgram(n: 2), configuration: configuration)
        }
    }
}
