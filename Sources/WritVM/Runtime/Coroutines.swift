// Coroutines (language.md §22, design.md §8).
//
// A coroutine runs on its own slot stack segment: its entry frame sits at the bottom,
// laid out like any call (`[results][return pc][caller fp][arguments]`), returning to the
// program's halt record. `yield` stops the dispatch loop with the `.yielded` fault after
// saving where to resume; resuming is entering the dispatch loop again at the saved frame
// and record, with the stack limit moved to the segment's end. A switch allocates nothing.
//
// Segments start small and double when a call would pass their end (`growStack`): the
// frames move, so every caller-frame link inside the segment is shifted by the distance.
// This is why instruction semantics never keep a frame pointer across a call.
//
// Safety: a segment is allocated here with `segmentSlots` slots and freed (or pooled) only
// by `finishCoroutine`, after which the record is never resumed. The entry frame's
// parameter slots are never written by the function (they keep their slot for the whole
// function, SlotAllocator.swift), so the references the coroutine took at `start` are
// still there to release at the end.

/// One coroutine: its stack segment, where it resumes and what it waits for.
@safe package struct Coroutine {
    package enum Status: UInt8 {
        /// Started, never run.
        case new
        /// Suspended at a `yield`.
        case waiting
        case running
        case finished
        case cancelled
    }

    package enum Wait: UInt8 {
        case nextFrame = 0, frames = 1, seconds = 2, until = 3
    }

    /// Creation number (coroutines run in creation order).
    package var id: Int
    /// The coroutine that was running when this one started (-1: none).
    package var parent: Int
    /// The object whose method this runs (raw bits; argument 0 holds its reference), or 0.
    package var owner: UInt64
    package var function: Int
    package var segment: UnsafeMutablePointer<UInt64>
    package var segmentSlots: Int
    /// Where it resumes.
    package var fp: Frame
    package var pc: Pc
    package var status: Status = .new
    /// Cancelled while running: stops at its next suspension.
    package var cancelRequested = false
    package var wait: Wait = .nextFrame
    package var resumeFrame: Int64 = 0
    package var remainingSeconds: Double = 0
    /// `waitUntil`'s closure, counted; 0 otherwise.
    package var predicate: UInt64 = 0

    package var isAlive: Bool { status == .new || status == .waiting || status == .running }
}

/// The coroutines in creation order, in one buffer of plain records: the scheduler and
/// `yield` touch them every frame, so no array copy-on-write checks or reference counts.
/// Safety: `base` holds `count` initialised records within `capacity`; indices are
/// checked by the callers' loops (`0..<count`) and by `running`, which is set only to an
/// index below `count` while the list cannot shrink (it is compacted between frames).
@safe package struct CoroutineList {
    private var base: UnsafeMutablePointer<Coroutine>
    private(set) var count = 0
    private var capacity = 8

    init() { unsafe base = UnsafeMutablePointer<Coroutine>.allocate(capacity: 8) }

    package var indices: Range<Int> { 0..<count }

    package subscript(index: Int) -> Coroutine {
        unsafeAddress { unsafe UnsafePointer(base + index) }
        unsafeMutableAddress { unsafe base + index }
    }

    mutating func append(_ coroutine: Coroutine) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Coroutine>.allocate(capacity: capacity * 2)
            unsafe grown.moveInitialize(from: base, count: count)
            unsafe base.deallocate()
            unsafe base = grown
            capacity *= 2
        }
        unsafe (base + count).initialize(to: coroutine)
        count += 1
    }

    /// Drops the records `keep` rejects, keeping the order of the rest.
    mutating func removeAll(where drop: (Coroutine) -> Bool) {
        var kept = 0
        for index in 0..<count where unsafe !drop(base[index]) {
            if kept != index { unsafe base[kept] = base[index] }
            kept += 1
        }
        count = kept
    }

    func deallocate() { unsafe base.deallocate() }
}

/// The scheduler's state, part of the `Interpreter`.
@safe package struct CoroutineState {
    /// Coroutines in creation order (finished and cancelled ones are dropped after each
    /// frame).
    package var list = CoroutineList()
    /// Coroutines started and neither finished nor cancelled.
    package var live = 0
    /// Some coroutine finished or was cancelled since the list was last compacted.
    package var hasFinished = false
    /// Index in `list` of the running coroutine, -1 when none runs.
    package var running = -1
    package var nextID = 0
    /// The frame being run (`frameCount()`); 0 during top-level code.
    package var frameNumber: Int64 = 0
    /// During `tick`: the coroutines alive when the frame began are those below `frameEnd`;
    /// the next one to consider is `cursor`. Both are 0 outside `tick`.
    package var cursor = 0
    package var frameEnd = 0
    /// The frame's time step (counted down by `waitForSeconds`).
    package var delta: Double = 0
    /// Segments of the initial size, kept for reuse.
    package var pool: [UnsafeMutablePointer<UInt64>] = unsafe []
    /// The main stack's limit, restored when a coroutine suspends.
    package var mainStackLimit: UnsafeMutablePointer<UInt64>?

    package static let initialSegmentSlots = 512
    static let pooledSegments = 64
}

extension Interpreter {
    /// Starts the function whose entry record is `entry` as a new coroutine, copying its
    /// arguments from `arguments` and taking a reference to each.
    @inline(never) mutating func startCoroutine(entry: UInt64, arguments: Frame, hasOwner: Bool) -> Bool {
        guard let loaded = loadedProgram, let function = loaded.function(atEntry: Pc(bits: entry)) else {
            return stop(RuntimeFault(.invalidInstruction))
        }
        let info = loaded.program.functions[function]
        let results = info.resultKinds.count
        let needed = results + 2 + info.frameSize
        var slots = CoroutineState.initialSegmentSlots
        while slots < needed { slots *= 2 }
        guard slots <= stackSlots else { return stop(.stackOverflow) }
        let pooled = slots == CoroutineState.initialSegmentSlots ? unsafe coroutines.pool.popLast() : nil
        let segment = unsafe pooled ?? UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
        unsafe segment.initialize(repeating: 0, count: results + 2)
        let fp = unsafe Frame(segment + results + 2)
        fp.returnPc = loaded.haltPc
        fp.callerFrame = unsafe Frame(segment)
        for slot in 0..<info.parameterCount {
            let bits = arguments[raw: slot]
            fp[raw: slot] = bits
            if info.slotKinds[slot] != .scalar && bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        }
        var owner: UInt64 = 0
        if hasOwner, arguments[raw: 0] != 0 {
            owner = arguments[raw: 0]
            ObjectRef(bits: owner).flags |= ObjectFlags.ownsCoroutines
        }
        let parent = coroutines.running >= 0 ? coroutines.list[coroutines.running].id : -1
        coroutines.live += 1
        unsafe coroutines.list.append(Coroutine(id: coroutines.nextID, parent: parent, owner: owner, function: function,
                                         segment: segment, segmentSlots: slots, fp: fp, pc: Pc(bits: entry)))
        coroutines.nextID += 1
        return true
    }

    /// Whether coroutine `index` runs in the current frame. Called once per coroutine per
    /// frame (it counts `waitForSeconds` down), except that `.predicate` (a `waitUntil`, whose
    /// closure the scheduler calls from Swift) may be asked again.
    @inline(__always) mutating func readiness(_ index: Int) -> Readiness {
        switch coroutines.list[index].status {
        case .new:
            return .run
        case .waiting:
            switch coroutines.list[index].wait {
            case .nextFrame:
                return .run
            case .frames:
                return coroutines.frameNumber >= coroutines.list[index].resumeFrame ? .run : .skip
            case .seconds:
                let remaining = coroutines.list[index].remainingSeconds - coroutines.delta
                coroutines.list[index].remainingSeconds = remaining
                return remaining <= 1e-9 ? .run : .skip
            case .until:
                return .predicate
            }
        case .running, .finished, .cancelled:
            return .skip
        }
    }

    package enum Readiness { case skip, run, predicate }

    /// The running coroutine `index` suspended at (`fp`, `pc`): saves where it resumes, then
    /// goes straight on to the next coroutine of this frame that is ready, without leaving the
    /// dispatch loop — a switch is a few stores and loads. What the scheduler must do in Swift
    /// (a cancellation, a `waitUntil` predicate, the end of the frame) stops the loop with
    /// `.yielded` instead, and `tick` carries on from `cursor`.
    @inline(__always) mutating func switchCoroutine(from index: Int, _ fp: inout Frame, _ pc: inout Pc) -> Bool {
        coroutines.list[index].fp = fp
        coroutines.list[index].pc = pc
        coroutines.list[index].status = .waiting
        if !coroutines.list[index].cancelRequested {
            while coroutines.cursor < coroutines.frameEnd {
                let next = coroutines.cursor
                let ready = readiness(next)
                if ready == .predicate { break }
                coroutines.cursor = next &+ 1
                if ready == .run {
                    coroutines.list[next].status = .running
                    coroutines.running = next
                    unsafe stackLimit = coroutines.list[next].segment + coroutines.list[next].segmentSlots
                    fp = coroutines.list[next].fp
                    pc = coroutines.list[next].pc
                    return true
                }
            }
        }
        return stop(RuntimeFault(.yielded))
    }

    /// A call would pass the stack's end: in a coroutine, move its frames to a segment twice
    /// as large (up to the main stack's size) and shift `fp`; otherwise "stack overflow".
    @inline(never) mutating func growStack(_ fp: inout Frame, needing end: UnsafeMutablePointer<UInt64>) -> Bool {
        let index = coroutines.running
        guard index >= 0 else { return stop(.stackOverflow) }
        let old = unsafe coroutines.list[index].segment
        let oldSlots = coroutines.list[index].segmentSlots
        let needed = unsafe end - old
        var slots = oldSlots * 2
        while slots < needed { slots *= 2 }
        guard slots <= stackSlots else { return stop(.stackOverflow) }
        let segment = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
        unsafe segment.initialize(from: old, count: oldSlots)
        let distance = unsafe segment - old
        let oldRange = unsafe UInt(bitPattern: old)..<UInt(bitPattern: old + oldSlots)
        // Shift every caller-frame link that points into the old segment.
        var frame = fp.advanced(by: distance)
        while true {
            let caller = unsafe UInt(truncatingIfNeeded: frame.base[-1])
            guard oldRange.contains(caller) else { break }
            frame.callerFrame = unsafe Frame(UnsafeMutablePointer<UInt64>(bitPattern: caller).unsafelyUnwrapped + distance)
            let next = frame.callerFrame
            if unsafe next.base == segment { break }
            frame = next
        }
        fp = fp.advanced(by: distance)
        unsafe releaseSegment(old, slots: oldSlots)
        unsafe coroutines.list[index].segment = segment
        coroutines.list[index].segmentSlots = slots
        unsafe stackLimit = segment + slots
        return true
    }

    mutating func releaseSegment(_ segment: UnsafeMutablePointer<UInt64>, slots: Int) {
        if unsafe slots == CoroutineState.initialSegmentSlots && coroutines.pool.count < CoroutineState.pooledSegments {
            unsafe coroutines.pool.append(segment)
        } else {
            unsafe segment.deallocate()
        }
    }

    /// `destroy(object)` on an object that started coroutines: cancels the live ones it owns.
    @inline(never) mutating func cancelCoroutines(ownedBy object: ObjectRef) {
        for index in coroutines.list.indices where coroutines.list[index].owner == object.bits {
            cancelCoroutine(at: index)
        }
    }

    /// Cancels a coroutine and, transitively, the coroutines it started. One that is running
    /// stops at its next suspension.
    mutating func cancelCoroutine(at index: Int) {
        guard coroutines.list[index].isAlive, !coroutines.list[index].cancelRequested else { return }
        let id = coroutines.list[index].id
        if index == coroutines.running {
            coroutines.list[index].cancelRequested = true
        } else {
            finishCoroutine(at: index, status: .cancelled)
        }
        for child in coroutines.list.indices where coroutines.list[child].parent == id {
            cancelCoroutine(at: child)
        }
    }

    /// Releases everything a coroutine holds — the frames it is suspended in, its results if
    /// it returned, its arguments, its wait predicate — and its segment.
    mutating func finishCoroutine(at index: Int, status: Coroutine.Status) {
        guard let loaded = loadedProgram else { return }
        let coroutine = coroutines.list[index]
        guard coroutine.status != .finished && coroutine.status != .cancelled else { return }
        coroutines.list[index].status = status
        coroutines.live -= 1
        coroutines.hasFinished = true
        let info = loaded.program.functions[coroutine.function]
        let results = info.resultKinds.count
        let entryFrame = unsafe Frame(coroutine.segment + results + 2)
        switch coroutine.status {
        case .waiting:
            releaseFrames(from: coroutine.fp, pc: coroutine.pc, atInstruction: false, program: loaded)
        case .running where status == .finished:
            // Returned: the results are below the entry frame's header.
            for (slot, kind) in info.resultKinds.enumerated() where kind == .owned {
                releaseBits(unsafe coroutine.segment[slot])
            }
        case .running:
            // Failed: the frames were unwound by the caller.
            break
        case .new, .finished, .cancelled:
            break
        }
        for slot in 0..<info.parameterCount where info.slotKinds[slot] != .scalar {
            releaseBits(entryFrame[raw: slot])
        }
        if coroutine.predicate != 0 {
            coroutines.list[index].predicate = 0
            releaseBits(coroutine.predicate)
        }
        unsafe releaseSegment(coroutine.segment, slots: coroutine.segmentSlots)
    }

    /// Releases the owned references of the frames from `fp` outwards (see
    /// `VirtualMachine.walkFrames`). A frame suspended in a call owns only the slots below
    /// its callee's frame: the rest belong to the callee (released first) or are results
    /// not yet written.
    mutating func releaseFrames(from start: Frame, pc startPc: Pc, atInstruction: Bool, program loaded: LoadedProgram) {
        var fp = start
        var pc = startPc
        var innermost = atInstruction
        var calleeFrame: Frame? = nil
        while let (function, _) = loaded.locate(innermost ? pc : pc.advanced(by: -1)) {
            let limit = calleeFrame.map { $0.slots(from: fp) } ?? Int.max
            for slot in loaded.program.functions[function].ownedSlots where slot < limit {
                if let object = fp[optRef: slot] {
                    fp[raw: slot] = 0
                    releaseObject(object)
                }
            }
            innermost = false
            calleeFrame = fp
            pc = fp.returnPc
            fp = fp.callerFrame
        }
    }
}
