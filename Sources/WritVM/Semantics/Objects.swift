// Class instances, boxes, weak references, `is` and `as` (language.md §10, §23; layouts in
// Memory/HeapObjects.swift).

extension Interpreter {
    @inline(__always) mutating func new(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = UInt16(truncatingIfNeeded: w.bc)
        let object = SlotObject.allocate(slots: types[type].slotCount, type: type, stats: &heap)
        fp[ref: w.a] = object.object
        return true
    }

    @inline(__always) func getField(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[raw: w.a] = SlotObject(fp[ref: w.b])[raw: w.c]
    }

    @inline(__always) func getFieldRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let bits = SlotObject(fp[ref: w.b])[raw: w.c]
        if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        fp[raw: w.a] = bits
    }

    @inline(__always) func setField(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        SlotObject(fp[ref: w.a])[raw: w.b] = fp[raw: w.c]
    }

    /// Stores before releasing: releasing the old value may run frees that touch this object.
    @inline(__always) mutating func setFieldRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let object = SlotObject(fp[ref: w.a])
        let old = object[raw: w.b]
        object[raw: w.b] = fp[raw: w.c]
        fp[raw: w.c] = 0
        releaseBits(old)
    }

    /// A weak slot's target is alive if its strong count is above zero and it was not
    /// destroyed; otherwise the read gives null.
    @inline(__always) func getWeak(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let bits = SlotObject(fp[ref: w.b])[raw: w.c]
        if bits != 0 {
            let target = ObjectRef(bits: bits)
            if target.strongCount > 0 && target.flags & ObjectFlags.destroyed == 0 {
                target.strongCount &+= 1
                fp[raw: w.a] = bits
                return
            }
        }
        fp[raw: w.a] = 0
    }

    @inline(__always) mutating func setWeak(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let object = SlotObject(fp[ref: w.a])
        let old = object[raw: w.b]
        let new = fp[raw: w.c]
        if new != 0 { ObjectRef(bits: new).weakCount &+= 1 }
        object[raw: w.b] = new
        if old != 0 { releaseWeak(ObjectRef(bits: old)) }
    }

    @inline(__always) mutating func destroy(_ fp: Frame, _ pc: Pc) {
        let object = fp[ref: pc.word.a]
        object.flags |= ObjectFlags.destroyed
        if _slowPath(object.flags & ObjectFlags.ownsCoroutines != 0) { cancelCoroutines(ownedBy: object) }
    }

    @inline(__always) func instanceOf(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = types.isInstance(fp[ref: w.b].typeID, of: UInt16(truncatingIfNeeded: w.c))
    }

    @inline(__always) func implements(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = unsafe types.traitTable(fp[ref: w.b].typeID, w.c) != nil
    }

    @inline(__always) mutating func castClass(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = fp[ref: w.a].typeID
        if _slowPath(!types.isInstance(type, of: UInt16(truncatingIfNeeded: w.bc))) {
            return stop(RuntimeFault(.castFailed, detail: Int(type) << 32 | w.bc))
        }
        return true
    }

    @inline(__always) mutating func castTrait(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = fp[ref: w.a].typeID
        if _slowPath(unsafe types.traitTable(type, w.bc) == nil) {
            return stop(RuntimeFault(.castFailed, detail: Int(type) << 32 | 1 << 31 | w.bc))
        }
        return true
    }
}
