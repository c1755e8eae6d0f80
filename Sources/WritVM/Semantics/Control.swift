// Control flow: jumps, fused compare-and-branch, the counted loop back-edge.
//
// Jump targets are word offsets from the start of the instruction's record (the loader
// converted them from stored offsets). A taken backward branch is an interrupt check
// point: it spends one unit of fuel (design.md §6).
//
// Faults are returned, not thrown (see Interpreter.swift): a semantic method that can fail
// returns false after `stop(_:)` recorded why.

extension Interpreter {
    /// Moves `pc` by `offset` words; a backward move spends fuel. `backward` is a constant in
    /// each direct-threaded handler (the loader picks the backward variant of a branch whose
    /// target lies behind it), so the direction test costs nothing there.
    @inline(__always) mutating func branch(_ pc: inout Pc, _ offset: Int, backward: Bool) -> Bool {
        if backward {
            fuel &-= 1
            if _slowPath(fuel < 0) { return stop(.fuelExhausted) }
        }
        pc.advance(by: offset)
        return true
    }

    /// Takes the branch to `offset` if `condition` holds, else steps over the instruction.
    @inline(__always) mutating func branch(if condition: Bool, _ pc: inout Pc, _ offset: Int, size: Int,
                                           backward: Bool) -> Bool {
        if condition { return branch(&pc, offset, backward: backward) }
        pc.advance(by: size)
        return true
    }


    @inline(__always) mutating func halt(_ fp: inout Frame, _ pc: inout Pc) -> Bool {
        stop(.halted)
    }

    @inline(__always) mutating func jump(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        return branch(&pc, pc.word.bc, backward: backward)
    }

    @inline(__always) mutating func jumpIf(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[bool: w.a], &pc, w.bc, size: 2, backward: backward)
    }

    @inline(__always) mutating func jumpIfNot(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: !fp[bool: w.a], &pc, w.bc, size: 2, backward: backward)
    }

    @inline(__always) mutating func jltI(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] < fp[int: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jleI(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] <= fp[int: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jeqI(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] == fp[int: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jneI(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] != fp[int: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jltIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] < Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jleIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] <= Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jgtIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] > Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jgeIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] >= Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jeqIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] == Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jneIK(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[int: w.a] != Int64(w.bSigned), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jltF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[float: w.a] < fp[float: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jleF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[float: w.a] <= fp[float: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jnltF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: !(fp[float: w.a] < fp[float: w.b]), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jnleF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: !(fp[float: w.a] <= fp[float: w.b]), &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jeqF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[float: w.a] == fp[float: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    @inline(__always) mutating func jneF(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        return branch(if: fp[float: w.a] != fp[float: w.b], &pc, w.cSigned, size: 2, backward: backward)
    }

    /// `for i in a..b` back-edge, with B the last value (inclusive): the counter cannot
    /// overflow, because it is below B when it is incremented.
    @inline(__always) mutating func forLoopI(_ fp: inout Frame, _ pc: inout Pc, backward: Bool) -> Bool {
        let w = pc.word
        let counter = fp[int: w.a]
        if _fastPath(counter < fp[int: w.b]) {
            fp[int: w.a] = counter &+ 1
            return branch(&pc, w.cSigned, backward: backward)
        }
        pc.advance(by: 2)
        return true
    }
}
