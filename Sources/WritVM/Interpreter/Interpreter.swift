import WritBytecode

/// The state every dispatch loop runs on.
///
/// One `Interpreter` lives at a fixed address for the life of a `VirtualMachine` (it is
/// allocated once, never copied), because the direct-threaded handlers receive a pointer
/// to it in the Swift context register. The loops keep the frame pointer and the program
/// counter in locals (machine registers); this struct holds what the hot path needs rarely
/// (stack limit, fuel, globals, heap counters) and what the slow paths need (fault details,
/// the loaded program).
///
/// Safety: the pointers it holds (stack, globals) are allocated here and freed in
/// `deinit`; `globals` has `globalCount` slots and the verifier checks every global index.
///
/// Rules for instruction semantics (Semantics/*.swift), as in Luau's VM:
/// - a semantic method reads its operands from `pc.word`, works on `fp` and never keeps a
///   pointer into the frame across anything that can call the host or grow the stack;
/// - a method that can fail returns `Bool`: on failure it calls `stop(_:)`, which records
///   the `RuntimeFault`, and returns false; the dispatch loop then records the faulting `pc`
///   and `fp` (the only "save pc" point) and stops. Faults are returned rather than thrown
///   because every Swift `throw` calls the runtime hook `swift_willThrowTypedImpl`, and
///   keeping values alive across that call made LLVM save two callee-saved registers in the
///   prologue of every handler that can fail (about nine extra host instructions per VM
///   instruction; see notes/vm-core.md);
/// - rare paths go to `@inline(never)` methods so handlers stay small.
@safe package struct Interpreter: ~Copyable {
    /// No frame may extend past this slot (checked by `call`).
    package var stackLimit: UnsafeMutablePointer<UInt64>
    /// Interrupt budget: decremented at calls and taken backward branches; a negative value
    /// stops the program with `fuelExhausted`.
    package var fuel: Int64 = .max
    /// Global variable slots and their "initialised" flags.
    package var globals: UnsafeMutablePointer<UInt64>
    package var globalInitialized: UnsafeMutablePointer<UInt8>
    package var heap: Heap
    /// The program's types (owned by the `LoadedProgram`).
    package let types: RuntimeTypes
    /// Objects whose count reached zero while another was being freed (see Release.swift).
    package var pendingFrees = PendingFrees()
    package var output: OutputBuffer
    /// Instructions executed, counted only by the `--stats` variant of the switch loop.
    package var instructionCount = 0

    // Slow-path state.
    package var fault: RuntimeFault?
    package var faultPc: Pc?
    package var faultFrame: Frame?
    package var faultMessage = ""
    /// Debug hooks (hooked dispatch only).
    package var debugHooks: DebugHooks?
    /// The program being run (for slow paths: coroutine starts, hooks).
    package var loadedProgram: LoadedProgram?
    /// Coroutines and the frame counter (Runtime/Coroutines.swift).
    package var coroutines = CoroutineState()
    /// The constant strings "true" and "false" (for `tostr.b`).
    package var trueString: ObjectRef
    package var falseString: ObjectRef

    package let stackBase: UnsafeMutablePointer<UInt64>
    package let stackSlots: Int
    package let globalCount: Int

    package init(stackSlots: Int, globalCount: Int, output: consuming OutputBuffer, types: RuntimeTypes,
                 heap: Heap) {
        self.types = types
        self.heap = heap
        self.stackSlots = stackSlots
        let stack = UnsafeMutablePointer<UInt64>.allocate(capacity: stackSlots)
        unsafe stack.initialize(repeating: 0, count: min(stackSlots, 64))
        unsafe self.stackBase = stack
        unsafe self.stackLimit = stack + stackSlots
        self.globalCount = globalCount
        let globals = UnsafeMutablePointer<UInt64>.allocate(capacity: max(globalCount, 1))
        unsafe globals.initialize(repeating: 0, count: max(globalCount, 1))
        unsafe self.globals = globals
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: max(globalCount, 1))
        unsafe flags.initialize(repeating: 0, count: max(globalCount, 1))
        unsafe self.globalInitialized = flags
        self.output = output
        var stats = Heap()
        self.trueString = StringObject.make("true", stats: &stats).object
        self.falseString = StringObject.make("false", stats: &stats).object
    }

    deinit {
        unsafe coroutines.pool.forEach { unsafe $0.deallocate() }
        coroutines.list.deallocate()
        pendingFrees.deallocate()
        unsafe stackBase.deallocate()
        unsafe globals.deallocate()
        unsafe globalInitialized.deallocate()
        var stats = Heap()
        stats.liveObjects = 2
        stats.liveBytes = trueString.allocatedSize + falseString.allocatedSize
        trueString.deallocate(stats: &stats)
        falseString.deallocate(stats: &stats)
        var pool = heap.pool
        pool?.destroy()
    }

    /// Records why the program must stop; returns false for the semantic method to return.
    @inline(__always) package mutating func stop(_ fault: RuntimeFault) -> Bool {
        self.fault = fault
        return false
    }

    /// Records where the fault that stopped the loop happened.
    @inline(__always) package mutating func recordFaultLocation(_ fp: Frame, _ pc: Pc) {
        self.faultFrame = fp
        self.faultPc = pc
    }
}
