#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The fence around the VM's raw memory, part 3: string objects.
//
// A string is immutable UTF-8 text (language.md §19.1). Layout after the object header:
//
//     offset 16  byte count     Int64   UTF-8 bytes in use
//     offset 24  scalar count   Int64   Unicode scalars (the language's `length`)
//     offset 32  capacity       Int64   bytes allocated for text
//     offset 40  bytes …
//
// Flag bit 0 says the text is ASCII, so that index `i` is byte `i` (O(1) `charAt`).
// `capacity` above `byte count` lets a concatenation whose left operand is the only
// reference append in place (see `concat` in Semantics/Strings.swift).
//
// Safety invariant: only objects with type id `BuiltinTypeID.string` are read through
// `StringObject` (the type checker knows which registers hold strings); `bytes` stays
// within `capacity`.

@safe package struct StringObject {
    package var object: ObjectRef

    @inline(__always) package init(_ object: ObjectRef) { self.object = object }

    static let byteCountOffset = 16
    static let scalarCountOffset = 24
    static let capacityOffset = 32
    static let textOffset = 40
    static let asciiFlag: UInt16 = 1

    @inline(__always) package var byteCount: Int {
        get { object.load(at: Self.byteCountOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.byteCountOffset) }
    }

    @inline(__always) package var scalarCount: Int {
        get { object.load(at: Self.scalarCountOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.scalarCountOffset) }
    }

    @inline(__always) package var capacity: Int { object.load(at: Self.capacityOffset, as: Int.self) }

    @inline(__always) package var isASCII: Bool { object.flags & Self.asciiFlag != 0 }

    /// The text as a buffer (valid while the object is alive and unchanged).
    @inline(__always) package var utf8: UnsafeRawBufferPointer {
        unsafe UnsafeRawBufferPointer(start: object.bytes(at: Self.textOffset), count: byteCount)
    }

    @inline(__always) package var textStart: UnsafeMutableRawPointer { unsafe object.bytes(at: Self.textOffset) }

    /// A new string object with room for `capacity` bytes and no text yet.
    package static func allocate(capacity: Int, stats: inout Heap) -> StringObject {
        let object = ObjectRef.allocate(size: textOffset + max(capacity, 0), type: BuiltinTypeID.string, stats: &stats)
        object.store(0, at: byteCountOffset)
        object.store(0, at: scalarCountOffset)
        object.store(max(capacity, 0), at: capacityOffset)
        object.flags = asciiFlag
        return StringObject(object)
    }

    /// A new string object holding `bytes`, which must be valid UTF-8.
    package static func make(_ bytes: UnsafeRawBufferPointer, stats: inout Heap) -> StringObject {
        let string = allocate(capacity: bytes.count, stats: &stats)
        unsafe string.append(bytes)
        return string
    }

    package static func make(_ text: String, stats: inout Heap) -> StringObject {
        var text = text
        return text.withUTF8 { unsafe make(UnsafeRawBufferPointer($0), stats: &stats) }
    }

    /// Appends valid UTF-8 `bytes`; the caller guarantees the capacity.
    @inline(__always) package func append(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count > 0 else { return }
        let start = byteCount
        unsafe (textStart + start).copyMemory(from: bytes.baseAddress.unsafelyUnwrapped, byteCount: count)
        byteCount = start + count
        var scalars = 0
        var ascii = true
        for unsafe byte in unsafe bytes {
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte >= 0x80 { ascii = false }
        }
        scalarCount += scalars
        if !ascii { object.flags &= ~Self.asciiFlag }
    }

    /// Appends the text of another string; the caller guarantees the capacity.
    @inline(__always) package func append(_ other: StringObject) {
        let count = other.byteCount
        guard count > 0 else { return }
        let start = byteCount
        unsafe (textStart + start).copyMemory(from: other.textStart, byteCount: count)
        byteCount = start + count
        scalarCount += other.scalarCount
        if !other.isASCII { object.flags &= ~Self.asciiFlag }
    }

    /// The text as a Swift string (for host APIs, diagnostics and tests; not the hot path).
    package var string: String { unsafe String(decoding: utf8, as: UTF8.self) }

    /// Byte-wise equality: equal UTF-8 is equal scalar sequences.
    package func equals(_ other: StringObject) -> Bool {
        if object == other.object { return true }
        let count = byteCount
        guard count == other.byteCount else { return false }
        return unsafe memcmp(textStart, other.textStart, count) == 0
    }

    /// Ordering by scalar values: for UTF-8, byte order is scalar order.
    package func compare(_ other: StringObject) -> Int {
        let a = byteCount
        let b = other.byteCount
        let common = min(a, b)
        let result = unsafe memcmp(textStart, other.textStart, common)
        if result != 0 { return Int(result) }
        return a == b ? 0 : (a < b ? -1 : 1)
    }
}
