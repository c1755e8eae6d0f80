#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWritDispatch
import WritBytecode

/// Runs one loaded program.
///
/// The VM owns one `Interpreter` at a fixed address (the dispatch handlers receive a
/// pointer to it), the slot stack, the globals and every object the program allocates.
/// After a runtime error the VM stays usable: the failing call's frames are unwound and
/// their references released (design.md §6).
@safe package final class VirtualMachine {
    package struct Configuration {
        package var dispatch: DispatchStrategy = .direct
        /// Slots in the VM stack; running out is the runtime error "stack overflow".
        package var stackSlots = Limits.defaultStackSlots
        /// Count executed instructions (slower; for `writ run --stats`).
        package var countInstructions = false
        /// Line, call and return hooks and breakpoints (direct threading only; the VM then
        /// runs the hooked handlers, and without hooks they cost nothing).
        package var debugHooks: DebugHooks?
        package init() {}
    }

    package let configuration: Configuration
    package let loaded: LoadedProgram
    let state: UnsafeMutablePointer<Interpreter>

    /// Standard output, the default sink of `print`.
    package static let standardOutput: @Sendable ([UInt8]) -> Void = { bytes in
        unsafe bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = unsafe write(1, buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    package init(program: BytecodeProgram, configuration: Configuration = Configuration(),
                 output: @escaping @Sendable ([UInt8]) -> Void = VirtualMachine.standardOutput) throws(LoadedProgram.LoadError)
    {
        self.configuration = configuration
        // Only direct threading has a hooked handler variant; say so rather than run unhooked.
        let hooked = configuration.debugHooks != nil
        if hooked && configuration.dispatch != .direct {
            throw LoadedProgram.LoadError(description: "debug hooks need the direct dispatch strategy")
        }
        var heap = Heap(pooled: SmallObjectPool.enabledByEnvironment)
        let loaded = try LoadedProgram(program, strategy: configuration.dispatch,
                                       counting: configuration.countInstructions, hooked: hooked, heap: &heap)
        self.loaded = loaded
        let state = UnsafeMutablePointer<Interpreter>.allocate(capacity: 1)
        unsafe state.initialize(to: Interpreter(stackSlots: max(configuration.stackSlots, 64),
                                                globalCount: program.globals.count,
                                                output: OutputBuffer(sink: output), types: loaded.types, heap: heap))
        unsafe state.pointee.loadedProgram = loaded
        if configuration.countInstructions { writ_reset_counted_instructions() }
        unsafe state.pointee.coroutines.mainStackLimit = state.pointee.stackLimit
        if hooked { unsafe state.pointee.debugHooks = configuration.debugHooks }
        unsafe self.state = state
    }

    private var tornDown = false

    deinit {
        _ = tearDown()
        unsafe state.deinitialize(count: 1)
        unsafe state.deallocate()
    }

    /// Releases the globals and the program's string constants and reports what is still
    /// allocated afterwards: a leak, or a cycle the program never broke (§23.1). The VM
    /// cannot run after this.
    package func tearDown() -> (objects: Int, bytes: Int) {
        if !tornDown {
            tornDown = true
            unsafe state.pointee.output.flush()
            abandonCoroutines()
            for (index, global) in loaded.program.globals.enumerated() where global.kind.isReference {
                let bits = unsafe state.pointee.globals[index]
                unsafe state.pointee.globals[index] = 0
                if bits != 0 { unsafe state.pointee.releaseObject(ObjectRef(bits: bits)) }
            }
            for string in loaded.strings { unsafe state.pointee.releaseObject(string) }
        }
        return (liveObjects, liveBytes)
    }

    /// Objects currently allocated (the program's string constants included).
    package var liveObjects: Int { unsafe state.pointee.heap.liveObjects }
    package var liveBytes: Int { unsafe state.pointee.heap.liveBytes }
    /// Objects allocated by the program that are still alive, excluding its constants.
    package var liveProgramObjects: Int { liveObjects - loaded.strings.count }
    /// Instructions executed so far (only counted with `countInstructions`).
    package var instructionsExecuted: Int {
        switch configuration.dispatch {
        case .direct: Int(writ_read_counted_instructions())
        case .switch: unsafe state.pointee.instructionCount
        case .call: 0
        }
    }

    /// Limits the instructions a script may run: the budget is spent at calls and loop
    /// back-edges; running out is a runtime error.
    package var fuel: Int64 {
        get { unsafe state.pointee.fuel }
        set { unsafe state.pointee.fuel = newValue }
    }

    /// Runs the program's top-level code: every module's, imported modules first. Results
    /// of the top-level code (a top-level `return`) are dropped.
    package func run() throws(RuntimeError) {
        let program = loaded.program
        for function in program.initializers.isEmpty ? [program.entry] : program.initializers {
            let results = try call(function: function, arguments: [])
            for (value, kind) in zip(results, program.functions[function].resultKinds) where kind == .owned && value != 0 {
                unsafe state.pointee.releaseObject(ObjectRef(bits: value))
            }
        }
    }

    /// Calls function `index` with scalar arguments (raw slot bits); returns the raw result
    /// slots.
    package func call(function index: Int, arguments: [UInt64]) throws(RuntimeError) -> [UInt64] {
        let function = loaded.program.functions[index]
        let results = function.resultKinds.count
        let base = unsafe state.pointee.stackBase
        let frame = try entryFrame(results: results, frameSize: function.frameSize)
        for (slot, value) in arguments.enumerated() { frame[raw: slot] = value }
        let entry = loaded.entry(of: index)
        let fault = dispatch(frame: frame, pc: entry)
        if fault.kind != .halted {
            let error = report(fault)
            unwind()
            unsafe state.pointee.output.flush()
            throw error
        }
        unsafe state.pointee.output.flush()
        return (0..<results).map { unsafe base[$0] }
    }

    /// Sets up a frame at the bottom of the main stack whose function returns `results`
    /// slots to the halt record.
    ///
    /// Never inlined: inlined into `callPredicate`, the release build dropped the two header
    /// stores before the dispatch call (Swift 6.3.1), and the predicate returned to garbage.
    @inline(never)
    func entryFrame(results: Int, frameSize: Int) throws(RuntimeError) -> Frame {
        let base = unsafe state.pointee.stackBase
        let frame = unsafe Frame(base + results + 2)
        if unsafe frame.exceeds(state.pointee.stackLimit, size: frameSize) {
            throw RuntimeError(message: "stack overflow", kind: .stackOverflow, trace: [])
        }
        frame.returnPc = loaded.haltPc
        frame.callerFrame = unsafe Frame(base)
        return frame
    }

    // MARK: Host values

    /// A new string object holding `text`, with one reference for the caller.
    package func makeString(_ text: String) -> UInt64 {
        unsafe StringObject.make(text, stats: &state.pointee.heap).object.bits
    }

    /// The text of the string object `bits`.
    package func string(_ bits: UInt64) -> String {
        StringObject(ObjectRef(bits: bits)).string
    }

    /// Drops one reference (raw slot bits; 0 is null).
    package func release(_ bits: UInt64) {
        unsafe state.pointee.releaseBits(bits)
    }

    /// Runs the dispatch loop from `pc` until an instruction stops it; returns why.
    func dispatch(frame: Frame, pc: Pc) -> RuntimeFault {
        unsafe state.pointee.fault = nil
        switch configuration.dispatch {
        case .direct:
            unsafe Interpreter.runDirect(frame: frame, pc: pc, state: state)
        case .switch:
            unsafe state.pointee.runSwitch(frame: frame, pc: pc, counting: configuration.countInstructions)
        case .call:
            unsafe Interpreter.runCall(frame: frame, pc: pc, state: state)
        }
        return unsafe state.pointee.fault ?? RuntimeFault(.halted)
    }

    /// Walks the frames from the fault outwards, calling `visit` with each frame, its
    /// function and the stored offset of the instruction it is executing.
    func walkFrames(_ visit: (Frame, Int, Int) -> Void) {
        guard let fp = unsafe state.pointee.faultFrame, let pc = unsafe state.pointee.faultPc else { return }
        walkFrames(from: fp, pc: pc, atInstruction: true, visit)
    }

    /// Walks the frames from `fp` outwards until an entry frame's return to the halt record.
    /// `pc` is the instruction the innermost frame is executing (`atInstruction`) or the one
    /// it resumes at (a suspended coroutine); outer frames are at the instruction before
    /// their return address.
    func walkFrames(from start: Frame, pc startPc: Pc, atInstruction: Bool, _ visit: (Frame, Int, Int) -> Void) {
        var fp = start
        var pc = startPc
        var innermost = atInstruction
        while let (function, offset) = loaded.locate(innermost ? pc : pc.advanced(by: -1)) {
            visit(fp, function, offset)
            innermost = false
            pc = fp.returnPc
            fp = fp.callerFrame
        }
    }

    /// Builds the error report of §26.3 for `fault`.
    func report(_ fault: RuntimeFault) -> RuntimeError {
        let program = loaded.program
        var head: [TraceFrame] = []
        var tail: [TraceFrame] = []
        var total = 0
        let keep = 10
        walkFrames { _, functionIndex, offset in
            let function = program.functions[functionIndex]
            if function.isHelper { return }
            let file = program.files.indices.contains(function.file) ? program.files[function.file] : "?"
            let frame = TraceFrame(function: function.name, file: file, line: function.line(at: offset))
            if head.count < keep {
                head.append(frame)
            } else {
                tail.append(frame)
                if tail.count > keep { tail.removeFirst() }
            }
            total += 1
        }
        let omitted = total - head.count - tail.count
        return RuntimeError(message: message(for: fault), kind: fault.kind, trace: head + tail,
                            omittedFrames: omitted)
    }

    /// `cannot cast Cat to Dog`: the detail packs the dynamic type, a trait flag and the target.
    func castMessage(_ detail: Int) -> String {
        let program = loaded.program
        let dynamic = detail >> 32
        let target = detail & 0x7FFF_FFFF
        let from = program.types.indices.contains(dynamic) ? program.types[dynamic].name : "?"
        let to: String
        if detail & (1 << 31) != 0 {
            to = program.traitNames.indices.contains(target) ? program.traitNames[target] : "?"
        } else {
            to = program.types.indices.contains(target) ? program.types[target].name : "?"
        }
        return "cannot cast \(from) to \(to)"
    }

    func message(for fault: RuntimeFault) -> String {
        switch fault.kind {
        case .halted: "halted"
        case .yielded: "yielded"
        case .integerOverflow: "integer overflow"
        case .divisionByZero: "division by zero"
        case .indexOutOfRange: "index out of range"
        case .popFromEmptyArray: "pop from empty array"
        case .unwrappedNull: "unwrapped a null value"
        case .valueOutOfRangeForInt: "value out of range for int"
        case .castFailed: castMessage(fault.detail)
        case .assertionFailed: "assertion failed: \(unsafe state.pointee.faultMessage)"
        case .stackOverflow: "stack overflow"
        case .uninitializedGlobal:
            "variable '\(loaded.program.globals[fault.detail].name)' used before initialization"
        case .fuelExhausted: "instruction limit exceeded"
        case .memoryLimitExceeded: "memory limit exceeded"
        case .hostError: unsafe state.pointee.faultMessage
        case .invalidInstruction: "invalid instruction"
        case .stoppedByDebugger: "stopped by the debugger"
        }
    }

    /// Releases the owned references of every frame between the fault and the entry.
    func unwind() {
        if let fp = unsafe state.pointee.faultFrame, let pc = unsafe state.pointee.faultPc {
            releaseFrames(from: fp, pc: pc, atInstruction: true)
        }
        unsafe state.pointee.faultFrame = nil
        unsafe state.pointee.faultPc = nil
    }

    /// Releases the owned references of the frames from `fp` outwards (see `walkFrames`).
    func releaseFrames(from start: Frame, pc: Pc, atInstruction: Bool) {
        unsafe state.pointee.releaseFrames(from: start, pc: pc, atInstruction: atInstruction, program: loaded)
    }
}
