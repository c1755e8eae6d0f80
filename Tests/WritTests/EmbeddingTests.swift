import Testing
import Writ

/// The public embedding API (design.md §7): compile, load, call, tick, errors, teardown.
struct EmbeddingTests {
    final class Lines: @unchecked Sendable {
        var text = ""
    }

    func vm(_ source: String, dispatch: EngineConfiguration.Dispatch = .direct, output: Lines = Lines()) throws -> WritVM {
        let engine = WritEngine(configuration: EngineConfiguration(dispatch: dispatch))
        let module = try engine.compile(source: source)
        let vm = WritVM(engine: engine) { output.text += $0 }
        try vm.load(module)
        return vm
    }

    @Test(arguments: EngineConfiguration.Dispatch.allCases)
    func callsScriptFunctionsWithEveryValueType(dispatch: EngineConfiguration.Dispatch) throws {
        let vm = try vm("""
            func add(a: int, b: int) -> int { return a + b }
            func scale(x: float, by: float) -> float { return x * by }
            func negate(b: bool) -> bool { return !b }
            func greet(name: string) -> string { return "hello " .. name .. "!" }
            var counter = 0
            func bump() { counter += 1 }
            func count() -> int { return counter }
            """, dispatch: dispatch)
        #expect(try vm.call("add", 40, 2) == .int(42))
        #expect(try vm.call("scale", 1.5, 4) == .float(6.0))
        #expect(try vm.call("negate", true) == .bool(false))
        #expect(try vm.call("greet", "wörld") == .string("hello wörld!"))
        let bump = try vm.function("bump")
        for _ in 0..<5 { #expect(try vm.call(bump, []) == nil) }
        #expect(try vm.call("count") == .int(5))
        let (objects, _) = vm.shutDown()
        #expect(objects == 0)
    }

    @Test func topLevelCodeRunsOnLoadAndPrintsToTheOutput() throws {
        let output = Lines()
        _ = try vm("print(\"loaded\", 1 + 2)", output: output)
        #expect(output.text == "loaded 3\n")
    }

    @Test func compileErrorsCarryEveryDiagnostic() {
        let engine = WritEngine()
        #expect {
            _ = try engine.compile(source: "let x: int = \"no\"\nprint(y)\n", name: "bad.writ")
        } throws: { error in
            guard let error = error as? WritCompileError else { return false }
            return error.diagnostics.map(\.line) == [1, 2]
                && error.diagnostics[0].message.hasPrefix("type mismatch")
                && error.description.hasPrefix("bad.writ:1:")
        }
    }

    @Test func runtimeErrorsHaveATraceAndLeaveTheVMUsable() throws {
        let vm = try vm("""
            func inner(n: int) -> int { return 100 / n }
            func outer(n: int) -> int {
                let s = "temporary " .. n
                return inner(n) + s.length
            }
            """)
        do {
            _ = try vm.call("outer", 0)
            Issue.record("expected a runtime error")
        } catch {
            #expect(error.message == "division by zero")
            #expect(error.trace.map(\.function) == ["inner", "outer"])
            #expect(error.trace.map(\.line) == [1, 4])
        }
        #expect(try vm.call("outer", 4) == .int(36))
        #expect(vm.shutDown().objects == 0)
    }

    @Test func wrongCallsAreErrorsNotCrashes() throws {
        let vm = try vm("""
            func f(a: int) -> int { return a }
            func pair() -> (int, int) { return (1, 2) }
            func co() { yield }
            """)
        #expect(throws: WritRuntimeError.self) { try vm.call("missing") }
        #expect(throws: WritRuntimeError.self) { try vm.call("f") }
        #expect(throws: WritRuntimeError.self) { try vm.call("f", "text") }
        #expect(throws: WritRuntimeError.self) { try vm.call("pair") }
        do {
            _ = try vm.function("co")
            Issue.record("a coroutine cannot be called")
        } catch {
            #expect(error.message == "coroutine 'co' must be called with 'start' or 'yield'")
        }
    }

    @Test func tickAdvancesCoroutines() throws {
        let output = Lines()
        let vm = try vm("""
            func blink(times: int) {
                for i in 0..times {
                    print("blink $i at ${frameCount()}")
                    yield waitForFrames(2)
                }
            }
            start blink(3)
            """, output: output)
        #expect(vm.liveCoroutines == 1)
        var frames = 0
        while vm.liveCoroutines > 0 && frames < 100 {
            try vm.tick(delta: 1.0 / 60.0)
            frames += 1
        }
        #expect(output.text == "blink 0 at 1\nblink 1 at 3\nblink 2 at 5\n")
        #expect(vm.frameCount == 7)
        #expect(vm.shutDown().objects == 0)
    }

    @Test func fuelStopsARunawayLoop() throws {
        let vm = try vm("func spin() { while true { } }")
        vm.fuel = 10_000
        do {
            try vm.call("spin")
            Issue.record("expected the instruction limit")
        } catch {
            #expect(error.message == "instruction limit exceeded")
        }
    }

    @Test func compilingTheSameSourceTwiceReusesTheModule() throws {
        let engine = WritEngine()
        let first = try engine.compile(source: "print(1)")
        let again = try engine.compile(source: "print(1)")
        let other = try engine.compile(source: "print(2)")
        #expect(first === again)
        #expect(first !== other)
    }
}
