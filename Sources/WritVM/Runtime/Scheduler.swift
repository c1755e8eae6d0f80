// The coroutine scheduler's frame step (language.md §22.2, §27.2): `tick(delta:)` runs one
// frame — every coroutine alive at the start of the frame whose wait is over runs until it
// suspends, returns or fails, in creation order.

extension VirtualMachine {
    /// Coroutines started and neither finished nor cancelled.
    package var liveCoroutines: Int { unsafe state.pointee.coroutines.live }

    /// The number of the last frame run (`frameCount()`).
    package var frameNumber: Int64 { unsafe state.pointee.coroutines.frameNumber }

    /// Runs one frame with time step `delta` seconds. A runtime error in a coroutine stops
    /// the frame: that coroutine's frames are released and the error is thrown; the other
    /// coroutines stay as they were.
    package func tick(delta: Double) throws(RuntimeError) {
        unsafe state.pointee.coroutines.frameNumber &+= 1
        unsafe state.pointee.coroutines.delta = delta
        unsafe state.pointee.coroutines.cursor = 0
        unsafe state.pointee.coroutines.frameEnd = state.pointee.coroutines.list.count
        defer {
            unsafe state.pointee.coroutines.cursor = 0
            unsafe state.pointee.coroutines.frameEnd = 0
            dropFinishedCoroutines()
        }
        // `yield` runs the next ready coroutine itself (Interpreter.switchCoroutine) and moves
        // `cursor` on; this loop picks up whatever the dispatch loop left to Swift.
        while unsafe state.pointee.coroutines.cursor < state.pointee.coroutines.frameEnd {
            let index = unsafe state.pointee.coroutines.cursor
            unsafe state.pointee.coroutines.cursor = index + 1
            switch unsafe state.pointee.readiness(index) {
            case .skip:
                continue
            case .run:
                break
            case .predicate:
                let predicate = unsafe state.pointee.coroutines.list[index].predicate
                guard try callPredicate(predicate) else { continue }
                // The predicate may have cancelled this coroutine.
                guard unsafe state.pointee.coroutines.list[index].status == .waiting else { continue }
                unsafe state.pointee.coroutines.list[index].predicate = 0
                unsafe state.pointee.releaseBits(predicate)
            }
            try resume(index)
        }
    }

    /// Runs coroutine `index` (and, through `yield`, the ready ones after it) until one
    /// returns, fails, or leaves the rest of the frame to `tick`.
    private func resume(_ index: Int) throws(RuntimeError) {
        unsafe state.pointee.coroutines.list[index].status = .running
        unsafe state.pointee.coroutines.running = index
        unsafe state.pointee.stackLimit = state.pointee.coroutines.list[index].segment
            + state.pointee.coroutines.list[index].segmentSlots
        let fault = unsafe dispatch(frame: state.pointee.coroutines.list[index].fp,
                                    pc: state.pointee.coroutines.list[index].pc)
        // The coroutine that stopped the loop (not necessarily `index`: yields switch).
        let current = unsafe state.pointee.coroutines.running
        unsafe state.pointee.coroutines.running = -1
        unsafe state.pointee.stackLimit = state.pointee.coroutines.mainStackLimit.unsafelyUnwrapped
        switch fault.kind {
        case .yielded:
            // `switchCoroutine` saved where it resumes.
            unsafe state.pointee.faultFrame = nil
            unsafe state.pointee.faultPc = nil
            if unsafe state.pointee.coroutines.list[current].cancelRequested {
                unsafe state.pointee.finishCoroutine(at: current, status: .cancelled)
            }
        case .halted:
            unsafe state.pointee.finishCoroutine(at: current, status: .finished)
            unsafe state.pointee.output.flush()
        default:
            let error = report(fault)
            unwind()
            unsafe state.pointee.finishCoroutine(at: current, status: .cancelled)
            unsafe state.pointee.output.flush()
            throw error
        }
    }

    /// Calls a `() -> bool` closure on the main stack.
    private func callPredicate(_ bits: UInt64) throws(RuntimeError) -> Bool {
        let closure = ClosureObject(ObjectRef(bits: bits))
        let frame = try entryFrame(results: 1, frameSize: closure.frameSize)
        frame[raw: 0] = bits
        let fault = dispatch(frame: frame, pc: Pc(bits: closure.entry))
        if fault.kind != .halted {
            let error = report(fault)
            unwind()
            unsafe state.pointee.output.flush()
            throw error
        }
        return unsafe state.pointee.stackBase[0] != 0
    }

    /// Drops finished and cancelled coroutines from the list, keeping creation order.
    private func dropFinishedCoroutines() {
        guard unsafe state.pointee.coroutines.hasFinished else { return }
        unsafe state.pointee.coroutines.hasFinished = false
        unsafe state.pointee.coroutines.list.removeAll { !$0.isAlive }
    }

    /// Releases every coroutine still alive (at tear-down: the frame limit was reached or
    /// the program stopped).
    func abandonCoroutines() {
        let count = unsafe state.pointee.coroutines.list.count
        for index in 0..<count { unsafe state.pointee.finishCoroutine(at: index, status: .cancelled) }
        unsafe state.pointee.coroutines.list.removeAll { _ in true }
    }
}
