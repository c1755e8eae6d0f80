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
        let callee = fp.advanced(by: w.a)
        if _slowPath(unsafe callee.exceeds(stackLimit, size: Int(truncatingIfNeeded: pc.extra(1)))) { return stop(.stackOverflow) }
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
