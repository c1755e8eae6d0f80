import WritBytecode
import WritVM

/// Runs a compiled program the way `writ run` does (language.md §27.1): the top-level code
/// of every module, then frames while coroutines are alive.
package struct ScriptRunner {
    /// How the VM dispatches instructions (design.md §4): the embedding API's choice.
    package typealias Dispatch = EngineConfiguration.Dispatch

    package struct Options: Sendable {
        package var dispatch: Dispatch = .direct
        /// At most this many frames after the top-level code (§27.1).
        package var frames = 10_000
        /// Count instructions and report statistics.
        package var statistics = false
        package var stackSlots = Limits.defaultStackSlots
        package init() {}
    }

    package struct Outcome: Sendable {
        /// The runtime error report (§26.3), or nil on success.
        package var error: String?
        package var instructions: Int
        package var seconds: Double
        /// Objects still allocated after the program's globals and constants were released.
        package var leakedObjects: Int
        package var leakedBytes: Int
    }

    package static func run(_ program: BytecodeProgram, options: Options = Options(),
                            output: @escaping @Sendable ([UInt8]) -> Void = VirtualMachine.standardOutput) -> Outcome
    {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = options.dispatch.strategy
        configuration.countInstructions = options.statistics
        configuration.stackSlots = options.stackSlots
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = Outcome(error: nil, instructions: 0, seconds: 0, leakedObjects: 0, leakedBytes: 0)
        let machine: VirtualMachine
        do {
            machine = try VirtualMachine(program: program, configuration: configuration, output: output)
        } catch {
            outcome.error = "Error: \(error)\n"
            return outcome
        }
        do {
            try machine.run()
            // Frames 1, 2, … while a coroutine is alive, at most `frames` (§27.1).
            var frame = 0
            while frame < options.frames && machine.liveCoroutines > 0 {
                try machine.tick(delta: 1.0 / 60.0)
                frame += 1
            }
        } catch {
            outcome.error = error.report
        }
        outcome.instructions = machine.instructionsExecuted
        // Tear the VM down: whatever is still allocated afterwards leaked.
        let (objects, bytes) = machine.tearDown()
        outcome.leakedObjects = objects
        outcome.leakedBytes = bytes
        outcome.seconds = (clock.now - start).seconds
        return outcome
    }
}
