// Calls and returns. See the frame layout in WritBytecode/InstructionSet.swift:
//
//     caller slots:  … [result 0 … n-1][return pc][caller fp][arg 0 … m-1] …
//                                                             ^ callee slot 0 (call's A)
//
// A script-to-script call stays in the dispatch loop: it writes the two header slots,
// moves the frame pointer and jumps; `ret` writes the results below the header and jumps
// back. Nothing recurses on the host stack.

extension Interpreter {
    /// The loader patched extra word 0 with the callee's entry record and extra word 1 with
    /// its frame size in slots.
    @inline(__always) mutating func call(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        let w = pc.word
        var callee = fp.advanced(by: w.a)
        let size = Int(truncatingIfNeeded: pc.extra(1))
        if _slowPath(unsafe callee.exceeds(stackLimit, size: size)) {
            guard unsafe growStack(&fp, needing: callee.base + size) else { return false }
            callee = fp.advanced(by: w.a)
        }
        fuel &-= 1
        if _slowPath(fuel < 0) { return stop(.fuelExhausted) }
        callee.returnPc = pc.advanced(by: 4)
        callee.callerFrame = fp
        fp = callee
        pc = Pc(bits: pc.extra(0))
        return true
    }

    @inline(__always) func ret(_ fp: inout Frame, _ pc: inout Pc) {
        let w = pc.word
        let count = w.x
        if _fastPath(count == 1) {
            fp.setResult(0, of: 1, to: fp[raw: w.a])
        } else {
            for index in 0..<count { fp.setResult(index, of: count, to: fp[raw: w.a + index]) }
        }
        pc = fp.returnPc
        fp = fp.callerFrame
    }

    @inline(__always) func ret0(_ fp: inout Frame, _ pc: inout Pc) {
        pc = fp.returnPc
        fp = fp.callerFrame
    }

    @inline(__always) mutating func callNative(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        return callNativeFunction(w.c, arguments: fp.advanced(by: w.a), results: fp.advanced(by: w.b))
    }
}

// Dynamic calls: the callee comes from the receiver's class (virtual and trait methods) or
// from the closure object; then the call proceeds like `call`.

extension Interpreter {
    /// Enters the function at record `entry` with its frame at slot A of the caller.
    @inline(__always) mutating func enter(_ fp: inout Frame, _ pc: inout Pc, frameAt slot: Int, entry: UInt64,
                                          frameSize: Int, returnTo returnPc: Pc) -> Bool {
        var callee = fp.advanced(by: slot)
        if _slowPath(unsafe callee.exceeds(stackLimit, size: frameSize)) {
            guard unsafe growStack(&fp, needing: callee.base + frameSize) else { return false }
            callee = fp.advanced(by: slot)
        }
        fuel &-= 1
        if _slowPath(fuel < 0) { return stop(.fuelExhausted) }
        callee.returnPc = returnPc
        callee.callerFrame = fp
        fp = callee
        pc = Pc(bits: entry)
        return true
    }

    @inline(__always) mutating func callVirtual(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        let w = pc.word
        let receiver = fp[ref: w.a]
        let table = unsafe types[receiver.typeID].vtable.unsafelyUnwrapped
        let entry = unsafe table[2 * w.b]
        let frameSize = unsafe Int(truncatingIfNeeded: table[2 * w.b + 1])
        return enter(&fp, &pc, frameAt: w.a, entry: entry, frameSize: frameSize, returnTo: pc.advanced(by: 2))
    }

    @inline(__always) mutating func callTrait(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        let w = pc.word
        let receiver = fp[ref: w.a]
        guard let table = unsafe types.traitTable(receiver.typeID, w.b) else {
            return stop(RuntimeFault(.invalidInstruction))
        }
        let entry = unsafe table[2 * w.c]
        let frameSize = unsafe Int(truncatingIfNeeded: table[2 * w.c + 1])
        return enter(&fp, &pc, frameAt: w.a, entry: entry, frameSize: frameSize, returnTo: pc.advanced(by: 2))
    }

    @inline(__always) mutating func callClosure(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        let w = pc.word
        let closure = ClosureObject(fp[ref: w.a])
        return enter(&fp, &pc, frameAt: w.a, entry: closure.entry, frameSize: closure.frameSize,
                     returnTo: pc.advanced(by: 2))
    }

    /// The loader patched extra word 0 with the function's entry record and extra word 1
    /// with its frame size. Captured references are counted.
    @inline(__always) mutating func makeClosure(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = UInt16(truncatingIfNeeded: w.c)
        let closure = ClosureObject.allocate(captures: w.x, type: type, entry: pc.extra(0),
                                             frameSize: Int(truncatingIfNeeded: pc.extra(1)), stats: &heap)
        let record = types[type]
        for index in 0..<w.x { closure[capture: index] = fp[raw: w.b + index] }
        for k in 0..<record.strongCount {
            let bits = closure[capture: Int(unsafe record.strongSlots.unsafelyUnwrapped[k])]
            if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        }
        fp[ref: w.a] = closure.object
        return true
    }

    @inline(__always) func getCapture(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = ClosureObject(fp[ref: w.b])[capture: w.c]
    }

    @inline(__always) func getCaptureRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = ClosureObject(fp[ref: w.b])[capture: w.c]
    }
}
