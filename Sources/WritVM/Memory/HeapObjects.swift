// The fence around the VM's raw memory, part 4: class instances, boxes, closures, arrays.
//
// Layouts after the 16-byte header (Object.swift):
//
//   instance, box   offset 16 + 8·i   payload slot i (fields; a box's value)
//   closure         offset 16         entry record of its function (code address)
//                   offset 24         that function's frame size in slots
//                   offset 32 + 8·i   captured slot i
//   array           offset 16         count (elements in use)
//                   offset 24         capacity (elements allocated)
//                   offset 32         element storage (separately allocated; null when empty)
//                   offset 40         element stride in bytes (1 for bool arrays, else 8·slots)
//
// A slot's kind (scalar, strong, weak) comes from the object's `TypeDescriptor`.
//
// Safety invariant: these views are only made over objects of the matching kind — the type
// checker knows statically which registers hold which kind of object, the code generator
// emits the matching instructions, and the verifier checks reference slots; array element
// access is bounds-checked against `count`, and `capacity` elements are always allocated.

/// Flag bits of the object header's flags field.
package enum ObjectFlags {
    /// Strings: the text is ASCII.
    package static let ascii: UInt16 = 1
    /// Instances: `destroy(obj)` was called; weak references read as null.
    package static let destroyed: UInt16 = 2
    /// Instances: owns coroutines (`start obj.m()`); `destroy` cancels them.
    package static let ownsCoroutines: UInt16 = 4
}

@safe package struct SlotObject {
    package var object: ObjectRef
    @inline(__always) package init(_ object: ObjectRef) { self.object = object }

    package static let payloadOffset = 16

    @inline(__always) package subscript(raw slot: Int) -> UInt64 {
        get { object.load(at: 16 + 8 * slot, as: UInt64.self) }
        nonmutating set { object.store(newValue, at: 16 + 8 * slot) }
    }

    /// A new object with `slots` zeroed payload slots (count 1).
    @inline(__always) package static func allocate(slots: Int, type: UInt16, stats: inout Heap) -> SlotObject {
        let object = ObjectRef.allocate(size: 16 &+ 8 &* slots, type: type, stats: &stats)  // slots < 65,536
        // Two slots at a time (the pool's blocks are 16-byte multiples, so an odd count may
        // clear one word past the payload, inside the block): no call to memset for the
        // handful of fields most objects have.
        let payload = unsafe object.bytes(at: 16)
        if slots <= 16 {
            var offset = 0
            while offset < 8 &* slots {
                unsafe payload.storeBytes(of: SIMD2<UInt64>(), toByteOffset: offset, as: SIMD2<UInt64>.self)
                offset &+= 16
            }
        } else {
            unsafe payload.initializeMemory(as: UInt64.self, repeating: 0, count: slots)
        }
        return SlotObject(object)
    }
}

@safe package struct ClosureObject {
    package var object: ObjectRef
    @inline(__always) package init(_ object: ObjectRef) { self.object = object }

    @inline(__always) package var entry: UInt64 { object.load(at: 16, as: UInt64.self) }
    @inline(__always) package var frameSize: Int { object.load(at: 24, as: Int.self) }

    @inline(__always) package subscript(capture index: Int) -> UInt64 {
        get { object.load(at: 32 + 8 * index, as: UInt64.self) }
        nonmutating set { object.store(newValue, at: 32 + 8 * index) }
    }

    @inline(__always) package static func allocate(captures: Int, type: UInt16, entry: UInt64, frameSize: Int,
                                                   stats: inout Heap) -> ClosureObject {
        let object = ObjectRef.allocate(size: 32 + 8 * captures, type: type, stats: &stats)
        object.store(entry, at: 16)
        object.store(frameSize, at: 24)
        return ClosureObject(object)
    }
}

@safe package struct ArrayObject {
    package var object: ObjectRef
    @inline(__always) package init(_ object: ObjectRef) { self.object = object }

    @inline(__always) package var count: Int {
        get { object.load(at: 16, as: Int.self) }
        nonmutating set { object.store(newValue, at: 16) }
    }

    @inline(__always) package var capacity: Int {
        get { object.load(at: 24, as: Int.self) }
        nonmutating set { object.store(newValue, at: 24) }
    }

    @inline(__always) package var storage: UnsafeMutableRawPointer? {
        get { unsafe object.load(at: 32, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { unsafe object.store(newValue, at: 32) }
    }

    /// Bytes per element.
    @inline(__always) package var stride: Int {
        get { object.load(at: 40, as: Int.self) }
        nonmutating set { object.store(newValue, at: 40) }
    }

    /// The address of element `index` (which must be below `count`) plus `byte`.
    @inline(__always) package func element(_ index: Int, byte: Int = 0) -> UnsafeMutableRawPointer {
        unsafe storage.unsafelyUnwrapped + (index &* stride &+ byte)  // below count·stride: no overflow
    }

    package static let headerSize = 48

    /// A new array with room for `capacity` elements of `stride` bytes, none in use.
    @inline(__always) package static func allocate(capacity: Int, stride: Int, type: UInt16,
                                                   stats: inout Heap) -> ArrayObject {
        let object = ObjectRef.allocate(size: headerSize, type: type, stats: &stats)
        let array = ArrayObject(object)
        array.count = 0
        array.capacity = 0
        unsafe array.storage = nil
        array.stride = stride
        if capacity > 0 { array.reserve(capacity, stats: &stats) }
        return array
    }

    /// Makes room for at least `minimum` elements (growing geometrically).
    package func reserve(_ minimum: Int, stats: inout Heap) {
        guard minimum > capacity else { return }
        let newCapacity = max(minimum, capacity * 2, 4)
        let bytes = newCapacity * stride
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 8), alignment: 8)
        if let old = unsafe storage {
            unsafe newStorage.copyMemory(from: old, byteCount: count * stride)
            unsafe old.deallocate()
        }
        stats.liveBytes += (newCapacity - capacity) * stride
        unsafe storage = newStorage
        capacity = newCapacity
    }

    /// Frees the element storage (the elements' references were released already).
    package func freeStorage(stats: inout Heap) {
        if let old = unsafe storage { unsafe old.deallocate() }
        stats.liveBytes -= capacity * stride
        unsafe storage = nil
        capacity = 0
        count = 0
    }
}
