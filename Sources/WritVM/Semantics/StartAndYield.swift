// Starting and suspending coroutines (the scheduler is in Runtime/Coroutines.swift).
// Starting is a slow path (it takes a segment); `yield` records the wait and where to
// resume, then switches to the next coroutine ready in this frame (Coroutines.swift).

extension Interpreter {
    @inline(__always) mutating func startCall(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        guard let loaded = loadedProgram else { return stop(RuntimeFault(.invalidInstruction)) }
        return startCoroutine(entry: unsafe UInt64(UInt(bitPattern: loaded.entry(of: w.bc).address)),
                              arguments: fp.advanced(by: w.a), hasOwner: w.x != 0)
    }

    @inline(__always) mutating func startVirtual(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let receiver = fp[ref: w.a]
        let table = unsafe types[receiver.typeID].vtable.unsafelyUnwrapped
        return startCoroutine(entry: unsafe table[2 * w.b], arguments: fp.advanced(by: w.a), hasOwner: w.x != 0)
    }

    @inline(__always) mutating func startTrait(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let receiver = fp[ref: w.a]
        guard let table = unsafe types.traitTable(receiver.typeID, w.b) else {
            return stop(RuntimeFault(.invalidInstruction))
        }
        return startCoroutine(entry: unsafe table[2 * w.c], arguments: fp.advanced(by: w.a), hasOwner: w.x != 0)
    }

    @inline(__always) mutating func startClosure(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let closure = ClosureObject(fp[ref: w.a])
        return startCoroutine(entry: closure.entry, arguments: fp.advanced(by: w.a), hasOwner: w.x != 0)
    }

    /// `yield` (X = 0), `yield waitForFrames(A)` (1), `yield waitForSeconds(A)` (2),
    /// `yield waitUntil(A)` (3). A wait that is already over does not suspend.
    @inline(__always) mutating func suspend(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        let w = pc.word
        let index = coroutines.running
        guard index >= 0 else { return stop(RuntimeFault(.invalidInstruction)) }
        switch w.x {
        case 0:
            coroutines.list[index].wait = .nextFrame
        case 1:
            let frames = fp[int: w.a]
            if frames <= 0 {
                pc.advance(by: 2)
                return true
            }
            coroutines.list[index].wait = .frames
            coroutines.list[index].resumeFrame = coroutines.frameNumber &+ frames
        case 2:
            let seconds = fp[float: w.a]
            if seconds <= 0 {
                pc.advance(by: 2)
                return true
            }
            coroutines.list[index].wait = .seconds
            coroutines.list[index].remainingSeconds = seconds
        default:
            let predicate = fp[ref: w.a]
            predicate.strongCount &+= 1
            coroutines.list[index].wait = .until
            coroutines.list[index].predicate = predicate.bits
        }
        pc.advance(by: 2)
        return switchCoroutine(from: index, &fp, &pc)
    }

    @inline(__always) func frameCount(_ fp: Frame, _ pc: Pc) {
        fp[int: pc.word.a] = coroutines.frameNumber
    }
}
