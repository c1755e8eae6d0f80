// Constants, moves and reference counting.

extension Interpreter {
    @inline(__always) func loadI(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[int: w.a] = Int64(w.bc)
    }

    @inline(__always) func loadK(_ fp: Frame, _ pc: Pc) {
        fp[raw: pc.word.a] = pc.extra(0)
    }

    /// The loader put the constant string's address in the extra word.
    @inline(__always) func loadStr(_ fp: Frame, _ pc: Pc) {
        fp[raw: pc.word.a] = pc.extra(0)
    }

    @inline(__always) func loadNull(_ fp: Frame, _ pc: Pc) {
        fp[raw: pc.word.a] = 0
    }

    @inline(__always) func move(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = fp[raw: w.b]
    }

    @inline(__always) func copyRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = fp[raw: w.b]
    }

    @inline(__always) func moveRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = fp[raw: w.b]
        fp[raw: w.b] = 0
    }

    @inline(__always) func retain(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let object = fp[ref: w.b]
        object.strongCount &+= 1
        fp[ref: w.a] = object
    }

    @inline(__always) func retainOpt(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let object = fp[optRef: w.b]
        if let object { object.strongCount &+= 1 }
        fp[optRef: w.a] = object
    }

    @inline(__always) mutating func release(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let object = fp[ref: w.a]
        fp[raw: w.a] = 0
        releaseObject(object)
    }

    @inline(__always) mutating func releaseOpt(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        if let object = fp[optRef: w.a] {
            fp[raw: w.a] = 0
            releaseObject(object)
        }
    }

    @inline(__always) func zero(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp.clear(from: w.a, count: w.x)
    }
}
