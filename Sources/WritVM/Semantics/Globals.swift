// Global (module-level) variables: a slot array owned by the interpreter (language.md §3.2).

extension Interpreter {
    @inline(__always) func getGlobal(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = unsafe globals[w.bc]
    }

    @inline(__always) func setGlobal(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        unsafe globals[w.bc] = fp[raw: w.a]
    }

    @inline(__always) func getGlobalRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let bits = unsafe globals[w.bc]
        if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        fp[raw: w.a] = bits
    }

    @inline(__always) mutating func setGlobalRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let old = unsafe globals[w.bc]
        unsafe globals[w.bc] = fp[raw: w.a]
        fp[raw: w.a] = 0
        if old != 0 { releaseObject(ObjectRef(bits: old)) }
    }

    @inline(__always) func initGlobal(_ fp: Frame, _ pc: Pc) {
        unsafe globalInitialized[pc.word.bc] = 1
    }

    @inline(__always) mutating func checkGlobal(_ fp: Frame, _ pc: Pc) -> Bool {
        let index = pc.word.bc
        if _slowPath(unsafe globalInitialized[index] == 0) { return stop(RuntimeFault(.uninitializedGlobal, detail: index)) }
        return true
    }
}
