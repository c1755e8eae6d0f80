#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The fence around the VM's raw memory, part 3: the small-object pool.
//
// Most objects a script makes are small (a box, a closure with a few captures, a tree node,
// a short string): 16 to 256 bytes. Going to malloc for each one costs about 150 host
// instructions for an allocation and its free (glibc's `malloc` + `_int_free`, plus
// `posix_memalign` when Swift is asked for 16-byte alignment); the pool does both in about
// ten. It keeps one free list per 16-byte size class, threaded through the first word of
// each free block, and carves new blocks from 64 KiB slabs. Blocks go back on their list
// when their object is freed, so memory a script has used stays with the VM until the VM is
// torn down (it is reused, never leaked: `liveBytes` still counts only live objects).
//
// Safety invariant: a block is on exactly one free list or owned by exactly one live object
// (or weak-referenced husk); `Heap.deallocate` is called once per object (Release.swift),
// with the size the object was allocated with (its header's size field), so the block goes
// back to the class it came from. Slabs are freed only by `destroy`, after the VM has
// released everything (VirtualMachine.tearDown, then Interpreter.deinit); an object still
// alive then is a leak the VM already reported, and nothing reads it afterwards.
//
// `WRIT_SYSTEM_ALLOCATOR=1` in the environment turns the pool off (every object from
// malloc), so valgrind and sanitizers see each object's own allocation and free.

@safe package struct SmallObjectPool {
    /// Sizes up to this many bytes come from the pool; larger ones from malloc.
    package static let largestPooledSize = 256
    static let classCount = largestPooledSize / 16
    static let slabSize = 64 * 1024

    /// Head of each class's free list (a free block's first word is the next free block).
    private var freeLists: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    /// The unused part of the newest slab.
    private var cursor: UnsafeMutableRawPointer?
    private var end: UnsafeMutableRawPointer?
    /// Every slab, linked through its first word.
    private var slabs: UnsafeMutableRawPointer?

    package init() {
        unsafe freeLists = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: Self.classCount)
        unsafe freeLists.initialize(repeating: nil, count: Self.classCount)
    }

    /// Whether objects should come from a pool in this process (see the file comment).
    package static var enabledByEnvironment: Bool {
        guard let value = unsafe getenv("WRIT_SYSTEM_ALLOCATOR") else { return true }
        return unsafe value.pointee == 0 || value.pointee == UInt8(ascii: "0")
    }

    /// A block of at least `size` bytes (1...largestPooledSize), 16-byte aligned.
    @inline(__always) package mutating func allocate(size: Int) -> UnsafeMutableRawPointer {
        let sizeClass = (size &- 1) &>> 4
        if let block = unsafe freeLists[sizeClass] {
            unsafe freeLists[sizeClass] = block.load(as: UnsafeMutableRawPointer?.self)
            return unsafe block
        }
        return unsafe carve(bytes: (sizeClass &+ 1) &<< 4)
    }

    /// Returns a block that `allocate(size:)` gave out for the same `size`.
    @inline(__always) package mutating func deallocate(_ block: UnsafeMutableRawPointer, size: Int) {
        let sizeClass = (size &- 1) &>> 4
        unsafe block.storeBytes(of: freeLists[sizeClass], as: UnsafeMutableRawPointer?.self)
        unsafe freeLists[sizeClass] = block
    }

    @inline(never) private mutating func carve(bytes: Int) -> UnsafeMutableRawPointer {
        if let start = unsafe cursor, let limit = unsafe end, unsafe limit - start >= bytes {
            unsafe cursor = start + bytes
            return unsafe start
        }
        // A new slab; the tail of the old one (less than 256 bytes) is left unused.
        guard let slab = unsafe malloc(Self.slabSize) else { fatalError("out of memory") }
        unsafe slab.storeBytes(of: slabs, as: UnsafeMutableRawPointer?.self)
        unsafe slabs = slab
        let first = unsafe slab + 16  // the link word, padded to keep blocks 16-byte aligned
        unsafe cursor = first + bytes
        unsafe end = slab + Self.slabSize
        return unsafe first
    }

    /// Frees every slab and the free-list table; no block may be used afterwards.
    package mutating func destroy() {
        var slab = unsafe slabs
        while let current = unsafe slab {
            unsafe slab = current.load(as: UnsafeMutableRawPointer?.self)
            unsafe free(current)
        }
        unsafe slabs = nil
        unsafe freeLists.deallocate()
    }
}
