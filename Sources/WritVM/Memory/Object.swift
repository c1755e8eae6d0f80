#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The fence around the VM's raw memory, part 2: heap objects.
//
// Every counted object starts with a 16-byte header:
//
//     offset  0  strong count   UInt32   references that keep the object alive
//     offset  4  weak count     UInt32   weak references that keep the memory (not the object)
//     offset  8  type id        UInt16   index into the program's type table (TypeID)
//     offset 10  flags          UInt16   per-type bits (e.g. "ASCII" for strings, "destroyed")
//     offset 12  size           UInt32   bytes allocated, header included (for accounting)
//     offset 16  payload …
//
// Safety invariant: an `ObjectRef` is only made from a pointer that `Heap.allocate`
// returned and whose strong count is above zero (the compiler's retain/release discipline
// and the verifier's slot kinds keep it so); the payload accessors of each type are only
// used on objects of that type (the type checker proved it statically, so no run-time type
// test is needed).

/// A non-null pointer to a counted heap object.
@safe package struct ObjectRef: Equatable {
    package var raw: UnsafeMutableRawPointer

    @inline(__always) package init(_ raw: UnsafeMutableRawPointer) { unsafe self.raw = raw }

    @inline(__always) package init(bits: UInt64) {
        unsafe self.raw = UnsafeMutableRawPointer(bitPattern: UInt(bits)).unsafelyUnwrapped
    }

    @inline(__always) package var bits: UInt64 { unsafe UInt64(UInt(bitPattern: raw)) }

    @inline(__always) package static func == (a: ObjectRef, b: ObjectRef) -> Bool { unsafe a.raw == b.raw }

    @inline(__always) package var strongCount: UInt32 {
        get { unsafe raw.load(as: UInt32.self) }
        nonmutating set { unsafe raw.storeBytes(of: newValue, as: UInt32.self) }
    }

    @inline(__always) package var weakCount: UInt32 {
        get { unsafe raw.load(fromByteOffset: 4, as: UInt32.self) }
        nonmutating set { unsafe raw.storeBytes(of: newValue, toByteOffset: 4, as: UInt32.self) }
    }

    @inline(__always) package var typeID: UInt16 {
        get { unsafe raw.load(fromByteOffset: 8, as: UInt16.self) }
        nonmutating set { unsafe raw.storeBytes(of: newValue, toByteOffset: 8, as: UInt16.self) }
    }

    @inline(__always) package var flags: UInt16 {
        get { unsafe raw.load(fromByteOffset: 10, as: UInt16.self) }
        nonmutating set { unsafe raw.storeBytes(of: newValue, toByteOffset: 10, as: UInt16.self) }
    }

    @inline(__always) package var allocatedSize: Int {
        get { unsafe Int(raw.load(fromByteOffset: 12, as: UInt32.self)) }
        nonmutating set { unsafe raw.storeBytes(of: UInt32(truncatingIfNeeded: newValue), toByteOffset: 12, as: UInt32.self) }
    }

    /// Reads a word of the payload (byte offset from the start of the object).
    @inline(__always) package func load<T>(at offset: Int, as type: T.Type) -> T {
        unsafe raw.load(fromByteOffset: offset, as: T.self)
    }

    @inline(__always) package func store<T>(_ value: T, at offset: Int) {
        unsafe raw.storeBytes(of: value, toByteOffset: offset, as: T.self)
    }

    /// The payload bytes from `offset`, for bulk copies.
    @inline(__always) package func bytes(at offset: Int) -> UnsafeMutableRawPointer { unsafe raw + offset }
}

/// The size of the object header in bytes.
package let objectHeaderSize = 16

/// Built-in type ids; program types (classes, arrays of a given element layout, …) follow.
package enum BuiltinTypeID {
    package static let string: UInt16 = 0
}

/// The VM's heap: the allocator every object comes from, and its counters. There is one per
/// VM; it is moved (never duplicated) from the loader into the `Interpreter`, which destroys
/// the pool after the VM has released everything.
package struct Heap {
    package var liveObjects = 0
    package var liveBytes = 0
    package var totalAllocations = 0
    /// Small objects come from here (SmallObjectPool.swift); nil: every object from malloc.
    package var pool: SmallObjectPool?
    /// A heap without a pool (for the few objects made outside a VM's lifetime).
    package init() {}
    package init(pooled: Bool) { if pooled { pool = SmallObjectPool() } }
}

extension ObjectRef {
    /// Allocates an object of `size` bytes (header included) with a strong count of one.
    @inline(__always) package static func allocate(size: Int, type: UInt16, stats: inout Heap) -> ObjectRef {
        let raw: UnsafeMutableRawPointer
        if size <= SmallObjectPool.largestPooledSize, let block = unsafe stats.pool?.allocate(size: size) {
            unsafe raw = block
        } else {
            unsafe raw = malloc((size &+ 15) & ~15).unsafelyUnwrapped  // whole 16-byte units, as in the pool
        }
        unsafe raw.storeBytes(of: UInt64(1), as: UInt64.self)  // strong 1, weak 0
        let object = unsafe ObjectRef(raw)
        object.typeID = type
        object.flags = 0
        object.allocatedSize = size
        stats.liveObjects &+= 1
        stats.liveBytes &+= size
        stats.totalAllocations &+= 1
        return object
    }

    /// Returns the memory of an object whose strong and weak counts are both zero, to the
    /// heap it was allocated from.
    @inline(__always) package func deallocate(stats: inout Heap) {
        let size = allocatedSize
        stats.liveObjects &-= 1
        stats.liveBytes &-= size
        if size <= SmallObjectPool.largestPooledSize, stats.pool != nil {
            unsafe stats.pool!.deallocate(raw, size: size)
        } else {
            unsafe free(raw)
        }
    }
}
