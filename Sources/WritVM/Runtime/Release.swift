// Freeing objects. An object is freed the moment its strong count reaches zero
// (design.md §5, tier 2): the references it holds are released, then its memory is
// returned — unless weak references to it remain, in which case the memory stays (as a
// husk with strong count zero, which every weak read sees as null) until the last weak
// reference goes. To free a long chain (a million-node list) without recursing on the host
// stack, objects whose count drops to zero while another is being freed wait on a list.

extension Interpreter {
    /// Drops one strong reference.
    @inline(__always) package mutating func releaseObject(_ object: ObjectRef) {
        let count = object.strongCount &- 1
        object.strongCount = count
        if _slowPath(count == 0) { destroyObject(object) }
    }

    /// Drops one strong reference stored as raw slot bits (0 is null).
    @inline(__always) package mutating func releaseBits(_ bits: UInt64) {
        if bits != 0 { releaseObject(ObjectRef(bits: bits)) }
    }

    /// Drops one weak reference to `object`, returning its memory if it was the last
    /// reference of any kind.
    @inline(__always) package mutating func releaseWeak(_ object: ObjectRef) {
        let count = object.weakCount &- 1
        object.weakCount = count
        if count == 0 && object.strongCount == 0 { object.deallocate(stats: &heap) }
    }

    /// Frees an object whose strong count reached zero, and everything only it kept alive.
    @inline(never) package mutating func destroyObject(_ first: ObjectRef) {
        var next: ObjectRef? = first
        while let object = next {
            // Pinned by one weak count while its slots are released: a weak slot that
            // refers to the object itself must not free it half-way.
            object.weakCount &+= 1
            freeContents(object)
            let weak = object.weakCount &- 1
            object.weakCount = weak
            if weak == 0 { object.deallocate(stats: &heap) }
            next = pendingFrees.popLast()
        }
    }

    /// Releases what `object` refers to; children whose count reaches zero are queued.
    mutating func freeContents(_ object: ObjectRef) {
        let record = types[object.typeID]
        switch record.kind {
        case .string:
            return
        case .instance, .box:
            releaseSlots(object, base: SlotObject.payloadOffset, record: record)
        case .closure:
            releaseSlots(object, base: 32, record: record)
        case .array:
            let array = ArrayObject(object)
            if record.strongCount > 0 {
                for index in 0..<array.count {
                    for k in 0..<record.strongCount {
                        let slot = Int(unsafe record.strongSlots.unsafelyUnwrapped[k])
                        queueRelease(unsafe array.element(index, byte: 8 * slot).load(as: UInt64.self))
                    }
                }
            }
            array.freeStorage(stats: &heap)
        case .dictionary:
            freeDictionaryContents(object, record: record)
        }
    }

    private mutating func releaseSlots(_ object: ObjectRef, base: Int, record: RuntimeTypes.Record) {
        for k in 0..<record.strongCount {
            let slot = Int(unsafe record.strongSlots.unsafelyUnwrapped[k])
            queueRelease(object.load(at: base + 8 * slot, as: UInt64.self))
        }
        for k in 0..<record.weakCount {
            let slot = Int(unsafe record.weakSlots.unsafelyUnwrapped[k])
            let bits = object.load(at: base + 8 * slot, as: UInt64.self)
            if bits != 0 { releaseWeak(ObjectRef(bits: bits)) }
        }
    }

    /// Drops a reference held by an object being freed: a child reaching zero is freed later
    /// by the loop in `destroyObject`, not recursively.
    @inline(__always) mutating func queueRelease(_ bits: UInt64) {
        guard bits != 0 else { return }
        let child = ObjectRef(bits: bits)
        let count = child.strongCount &- 1
        child.strongCount = count
        if count == 0 { pendingFrees.append(child) }
    }
}
