// Comparisons that produce a bool (0 or 1 in a scalar slot).

extension Interpreter {
    @inline(__always) func eqI(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] == fp[int: w.c] }
    @inline(__always) func neI(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] != fp[int: w.c] }
    @inline(__always) func ltI(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] < fp[int: w.c] }
    @inline(__always) func leI(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] <= fp[int: w.c] }
    @inline(__always) func eqIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] == Int64(w.cSigned) }
    @inline(__always) func neIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] != Int64(w.cSigned) }
    @inline(__always) func ltIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] < Int64(w.cSigned) }
    @inline(__always) func leIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] <= Int64(w.cSigned) }
    @inline(__always) func gtIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] > Int64(w.cSigned) }
    @inline(__always) func geIK(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[int: w.b] >= Int64(w.cSigned) }
    @inline(__always) func eqF(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[float: w.b] == fp[float: w.c] }
    @inline(__always) func neF(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[float: w.b] != fp[float: w.c] }
    @inline(__always) func ltF(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[float: w.b] < fp[float: w.c] }
    @inline(__always) func leF(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[float: w.b] <= fp[float: w.c] }
    @inline(__always) func not(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[raw: w.a] = fp[raw: w.b] ^ 1 }
    @inline(__always) func isNull(_ fp: Frame, _ pc: Pc) { let w = pc.word; fp[bool: w.a] = fp[raw: w.b] == 0 }

    @inline(__always) mutating func checkFlag(_ fp: Frame, _ pc: Pc) -> Bool {
        if _slowPath(fp[raw: pc.word.a] == 0) { return stop(RuntimeFault(.unwrappedNull)) }
        return true
    }

    @inline(__always) mutating func checkNotNull(_ fp: Frame, _ pc: Pc) -> Bool {
        if _slowPath(fp[raw: pc.word.a] == 0) { return stop(RuntimeFault(.unwrappedNull)) }
        return true
    }
}
