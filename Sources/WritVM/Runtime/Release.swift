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
        var object = first
        while true {
            if types[object.typeID].releasesNothing {
                if object.weakCount == 0 { object.deallocate(stats: &heap) }
            } else {
                // Pinned by one weak count while its slots are released: a weak slot that
                // refers to the object itself must not free it half-way.
                object.weakCount &+= 1
                freeContents(object)
                let weak = object.weakCount &- 1
                object.weakCount = weak
                if weak == 0 { object.deallocate(stats: &heap) }
            }
            guard let next = pendingFrees.pop() else { return }
            object = next
        }
    }

    /// Releases what `object` refers to; children whose count reaches zero are queued.
    mutating func freeContents(_ object: ObjectRef) {
        switch types[object.typeID].kind {
        case .string:
            return
        case .instance, .box:
            releaseSlots(object, base: SlotObject.payloadOffset)
        case .closure:
            releaseSlots(object, base: 32)
        case .array:
            let array = ArrayObject(object)
            let strongCount = types[object.typeID].strongCount
            if strongCount > 0 {
                let strongSlots = unsafe types[object.typeID].strongSlots.unsafelyUnwrapped
                for index in 0..<array.count {
                    for k in 0..<strongCount {
                        let slot = unsafe Int(strongSlots[k])
                        queueRelease(unsafe array.element(index, byte: 8 &* slot).load(as: UInt64.self))
                    }
                }
            }
            array.freeStorage(stats: &heap)
        case .dictionary:
            freeDictionaryContents(object, record: types[object.typeID])
        }
    }

    @inline(__always) private mutating func releaseSlots(_ object: ObjectRef, base: Int) {
        let type = object.typeID
        if let strongSlots = unsafe types[type].strongSlots {
            for k in 0..<types[type].strongCount {
                let slot = unsafe Int(strongSlots[k])
                queueRelease(object.load(at: base &+ 8 &* slot, as: UInt64.self))
            }
        }
        if let weakSlots = unsafe types[type].weakSlots {
            for k in 0..<types[type].weakCount {
                let slot = unsafe Int(weakSlots[k])
                let bits = object.load(at: base &+ 8 &* slot, as: UInt64.self)
                if bits != 0 { releaseWeak(ObjectRef(bits: bits)) }
            }
        }
    }

    /// Drops a reference held by an object being freed: a child reaching zero is freed later
    /// by the loop in `destroyObject`, not recursively.
    @inline(__always) mutating func queueRelease(_ bits: UInt64) {
        guard bits != 0 else { return }
        let child = ObjectRef(bits: bits)
        let count = child.strongCount &- 1
        child.strongCount = count
        if count == 0 { pendingFrees.push(child) }
    }
}

/// The objects waiting to be freed by `destroyObject`: a stack in one raw buffer (no Swift
/// array, so pushing and popping costs no uniqueness check or ARC).
///
/// Safety: `base` holds `capacity` entries, of which the first `count` are initialised; it is
/// allocated here and freed by `deallocate` (Interpreter.deinit).
@safe package struct PendingFrees {
    private var base: UnsafeMutablePointer<ObjectRef>
    private var count = 0
    private var capacity = 64

    init() { unsafe base = UnsafeMutablePointer<ObjectRef>.allocate(capacity: 64) }

    @inline(__always) mutating func push(_ object: ObjectRef) {
        if _slowPath(count == capacity) { grow() }
        unsafe (base + count).initialize(to: object)
        count &+= 1
    }

    @inline(__always) mutating func pop() -> ObjectRef? {
        guard count > 0 else { return nil }
        count &-= 1
        return unsafe base[count]
    }

    @inline(never) private mutating func grow() {
        let grown = UnsafeMutablePointer<ObjectRef>.allocate(capacity: capacity * 2)
        unsafe grown.moveInitialize(from: base, count: count)
        unsafe base.deallocate()
        unsafe base = grown
        capacity *= 2
    }

    func deallocate() { unsafe base.deallocate() }
}
