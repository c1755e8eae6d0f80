// The fence around the VM's raw memory, part 5: dictionaries.
//
// A dictionary (language.md §18.2) remembers insertion order, so it is laid out like
// CPython's compact dict: the entries sit in one array in the order their keys were first
// inserted, and a separate open-addressed table of buckets maps hashes to entry indices.
// Iteration (keys, values, merge, printing) walks the entry array; lookups go through the
// buckets.
//
// Object, after the 16-byte header (Object.swift):
//
//     offset 16  count      Int      live entries (the language's `length`)
//     offset 24  used       Int      entries in use, holes included: the next entry goes here
//     offset 32  capacity   Int      entries allocated: 0, or a power of two ≥ 8
//     offset 40  entries    pointer  capacity × stride bytes (null while capacity is 0)
//     offset 48  buckets    pointer  2 × capacity UInt64 buckets (null while capacity is 0)
//     offset 56  stride     Int      bytes per entry: 8 × (2 + value slots)
//
// Entry i, at entries + i × stride:
//
//     +0   hash    UInt64   the key's 63-bit hash, or `holeHash` (all ones) for a removed entry
//     +8   key     UInt64   an int (int, bool and enum keys) or a counted string reference
//     +16  value   slots    the value, slot kinds from the type record (strong or scalar; no weak)
//
// Bucket (UInt64), linear probing from bucket `hash & (2 × capacity - 1)`:
//
//     bits  0–31   entry index + 1; 0 means the bucket is empty
//     bits 32–63   the low 32 bits of the key's hash (the "tag")
//
// Why this shape:
// - There are twice as many buckets as entries, so the table is at most half full and a
//   probe sequence always ends at an empty bucket (expected probes: 1.5 for a hit, 2.5 for a
//   miss). A bucket whose tag differs is rejected without loading its entry.
// - The tag holds the hash bits that choose the home bucket (the mask is below 2^32), so an
//   entry's home is known from its bucket alone. Removal therefore shifts the following
//   buckets back (backward-shift deletion) instead of leaving a tombstone in the table:
//   lookups never slow down after removals.
// - A removed entry leaves a hole in the entry array (its hash becomes `holeHash`; hashes
//   are 63-bit, so no key hashes to it). Holes at the end are trimmed at once, so the entry
//   at `used - 1` is never a hole. The holes in between are squeezed out by `rebuild`:
//   when an insertion finds the entry array full (growing it only if live entries need the
//   room), and when removals leave fewer than a quarter of the used entries alive (so
//   iteration stays proportional to `count`). Every rebuild leaves `capacity ≥ 2 × count`,
//   so it is paid for by the insertions or removals since the previous one: every
//   operation is O(1) amortised, and nothing becomes quadratic.
// - Hashes: ints are mixed by one 64×64→128-bit multiply (the xor of the halves); strings
//   by a wyhash-style function over the UTF-8 bytes, 16 bytes per step. Equal strings have
//   equal bytes, so equal hashes (§19.1: no normalisation). Keys compare as ints, or for
//   strings by stored hash and then `StringObject.equals`. The int mix scatters sequential
//   keys, so a big dictionary read in key order misses the cache where Lua's and Python's
//   identity-like int hashes do not (1M sequential int keys: about 2× Lua 5.4; random int
//   keys and string keys: faster than Lua 5.4); in exchange no structured key set (strides
//   of a power of two, multiples of 65537, …) can pile keys into one run of buckets, which
//   linear probing would turn into quadratic time. Hashes are not seeded per process.
//
// Safety invariant: a `DictionaryObject` is only made over an object of a dictionary type
// (the type checker knows which registers hold dictionaries, the verifier checks the type
// of `new.dict`); `entries` and `buckets` are null or allocated with `capacity` entries and
// `2 × capacity` buckets; entry indices passed in are below `used` (the semantics get them
// from `find` or iterate `0 ..< used`); bucket positions are below `2 × capacity`.

@safe package struct DictionaryObject {
    package var object: ObjectRef

    @inline(__always) package init(_ object: ObjectRef) { self.object = object }

    static let countOffset = 16
    static let usedOffset = 24
    static let capacityOffset = 32
    static let entriesOffset = 40
    static let bucketsOffset = 48
    static let strideOffset = 56
    /// Bytes of the object itself (header included); the buffers are separate.
    package static let size = 64

    /// The smallest entry array allocated.
    package static let minimumCapacity = 8
    /// The largest entry array: bucket indices and tags must stay within 32 bits.
    package static let maximumCapacity = 1 << 30
    /// The hash word of a removed entry.
    package static let holeHash: UInt64 = .max

    // MARK: Fields

    @inline(__always) package var count: Int {
        get { object.load(at: Self.countOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.countOffset) }
    }

    @inline(__always) package var used: Int {
        get { object.load(at: Self.usedOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.usedOffset) }
    }

    @inline(__always) package var capacity: Int {
        get { object.load(at: Self.capacityOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.capacityOffset) }
    }

    @inline(__always) var entries: UnsafeMutableRawPointer? {
        get { unsafe object.load(at: Self.entriesOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { unsafe object.store(newValue, at: Self.entriesOffset) }
    }

    @inline(__always) var buckets: UnsafeMutablePointer<UInt64>? {
        get { unsafe object.load(at: Self.bucketsOffset, as: UnsafeMutablePointer<UInt64>?.self) }
        nonmutating set { unsafe object.store(newValue, at: Self.bucketsOffset) }
    }

    /// Bytes per entry.
    @inline(__always) package var stride: Int {
        get { object.load(at: Self.strideOffset, as: Int.self) }
        nonmutating set { object.store(newValue, at: Self.strideOffset) }
    }

    /// Slots per value.
    @inline(__always) package var valueSlots: Int { stride / 8 - 2 }

    /// Heap bytes of the buffers for `capacity` entries of `stride` bytes.
    @inline(__always) static func bufferBytes(capacity: Int, stride: Int) -> Int { capacity * (stride + 16) }

    /// A new empty dictionary (no buffers until the first insertion).
    package static func allocate(valueSlots: Int, type: UInt16, stats: inout Heap) -> DictionaryObject {
        let dictionary = DictionaryObject(ObjectRef.allocate(size: size, type: type, stats: &stats))
        dictionary.count = 0
        dictionary.used = 0
        dictionary.capacity = 0
        unsafe dictionary.entries = nil
        unsafe dictionary.buckets = nil
        dictionary.stride = 8 * (2 + valueSlots)
        return dictionary
    }

    // MARK: Entries

    /// Entry `index` (below `used`).
    @inline(__always) func entry(_ index: Int) -> UnsafeMutableRawPointer {
        unsafe entries.unsafelyUnwrapped + index &* stride
    }

    @inline(__always) package func storedHash(at index: Int) -> UInt64 { unsafe entry(index).load(as: UInt64.self) }

    @inline(__always) package func isHole(_ index: Int) -> Bool { storedHash(at: index) == Self.holeHash }

    @inline(__always) package func key(at index: Int) -> UInt64 {
        unsafe entry(index).load(fromByteOffset: 8, as: UInt64.self)
    }

    @inline(__always) package func value(at index: Int, slot: Int) -> UInt64 {
        unsafe entry(index).load(fromByteOffset: 16 &+ 8 &* slot, as: UInt64.self)
    }

    @inline(__always) package func setValue(at index: Int, slot: Int, _ bits: UInt64) {
        unsafe entry(index).storeBytes(of: bits, toByteOffset: 16 &+ 8 &* slot, as: UInt64.self)
    }

    /// Copies the `slots` value slots of entry `index` to `frame` from slot `first` (the
    /// verifier proved the frame holds them).
    @inline(__always) package func loadValue(_ index: Int, slots: Int, into frame: Frame, at first: Int) {
        unsafe UnsafeMutableRawPointer(frame.base + first).copyMemory(from: entry(index) + 16, byteCount: 8 &* slots)
    }

    /// Copies `slots` slots of `frame` from slot `first` into the value of entry `index`.
    @inline(__always) package func storeValue(_ index: Int, slots: Int, from frame: Frame, at first: Int) {
        unsafe (entry(index) + 16).copyMemory(from: UnsafeRawPointer(frame.base + first), byteCount: 8 &* slots)
    }

    /// Copies the value of entry `sourceIndex` of `source` (same type) into entry `index`.
    @inline(__always) package func copyValue(_ index: Int, from source: DictionaryObject, entry sourceIndex: Int) {
        unsafe (entry(index) + 16).copyMemory(from: source.entry(sourceIndex) + 16, byteCount: stride &- 16)
    }

    /// Copies the value of entry `index` into element `element` of `array`, whose stride is
    /// the value's size (an array of the value type that does not store bytes).
    @inline(__always) package func copyValue(_ index: Int, to array: ArrayObject, element: Int) {
        unsafe array.element(element).copyMemory(from: entry(index) + 16, byteCount: stride &- 16)
    }

    // MARK: Hashing

    /// The 128-bit product of `a` and `b`, folded: the core step of wyhash.
    @inline(__always) static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    static let p0: UInt64 = 0xa076_1d64_78bd_642f
    static let p1: UInt64 = 0xe703_7ed1_a0b4_28db
    static let hashBits: UInt64 = (1 << 63) - 1

    @inline(__always) package static func hash(int key: UInt64) -> UInt64 {
        mix(key ^ p0, p1) & hashBits
    }

    /// wyhash-style over the UTF-8 bytes: 16 bytes per step, then the last 1–16 bytes read
    /// as (possibly overlapping) words.
    package static func hash(string: StringObject) -> UInt64 {
        let count = string.byteCount
        let text = unsafe UnsafeRawPointer(string.textStart)
        var seed = p0 ^ UInt64(truncatingIfNeeded: count)
        var offset = 0
        while count - offset > 16 {
            let a = unsafe text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let b = unsafe text.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            seed = mix(a ^ p1, b ^ seed)
            offset += 16
        }
        let rest = count - offset
        var a: UInt64 = 0
        var b: UInt64 = 0
        if rest > 8 {
            a = unsafe text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            b = unsafe text.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if rest >= 4 {
            a = UInt64(unsafe text.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            b = UInt64(unsafe text.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else if rest > 0 {
            a = unsafe UInt64(text.load(fromByteOffset: offset, as: UInt8.self)) << 16
                | UInt64(text.load(fromByteOffset: offset + rest / 2, as: UInt8.self)) << 8
                | UInt64(text.load(fromByteOffset: count - 1, as: UInt8.self))
        }
        return mix(p1 ^ UInt64(truncatingIfNeeded: count), mix(a ^ p1, b ^ seed)) & hashBits
    }

    /// The hash of a key slot: an int, or (with `stringKeys`) a string reference.
    @inline(__always) package static func hash(key: UInt64, stringKeys: Bool) -> UInt64 {
        stringKeys ? hash(string: StringObject(ObjectRef(bits: key))) : hash(int: key)
    }

    // MARK: Buckets

    @inline(__always) func bucket(_ position: Int) -> UInt64 { unsafe buckets.unsafelyUnwrapped[position] }

    @inline(__always) func setBucket(_ position: Int, _ bits: UInt64) { unsafe buckets.unsafelyUnwrapped[position] = bits }

    @inline(__always) static func bucketBits(hash: UInt64, entry: Int) -> UInt64 {
        hash << 32 | UInt64(truncatingIfNeeded: entry &+ 1)
    }

    /// Looks `key` up. `entry` is its entry index, or -1 if absent; then `bucket` is the
    /// empty bucket where it would go (meaningless while `capacity` is 0).
    @inline(__always) package func find(_ key: UInt64, hash: UInt64, stringKeys: Bool) -> (bucket: Int, entry: Int) {
        let capacity = self.capacity
        guard _fastPath(capacity != 0) else { return (0, -1) }
        let mask = 2 &* capacity &- 1
        let tag = hash & 0xFFFF_FFFF
        var position = Int(truncatingIfNeeded: hash) & mask
        if stringKeys {
            let needle = StringObject(ObjectRef(bits: key))
            while true {
                let bits = bucket(position)
                if bits == 0 { return (position, -1) }
                if bits >> 32 == tag {
                    let index = Int(truncatingIfNeeded: bits & 0xFFFF_FFFF) &- 1
                    if storedHash(at: index) == hash && needle.equals(StringObject(ObjectRef(bits: self.key(at: index)))) {
                        return (position, index)
                    }
                }
                position = (position &+ 1) & mask
            }
        } else {
            while true {
                let bits = bucket(position)
                if bits == 0 { return (position, -1) }
                if bits >> 32 == tag {
                    let index = Int(truncatingIfNeeded: bits & 0xFFFF_FFFF) &- 1
                    if self.key(at: index) == key { return (position, index) }
                }
                position = (position &+ 1) & mask
            }
        }
    }

    /// The empty bucket where a key with `hash`, known to be absent, goes.
    @inline(__always) package func emptyBucket(for hash: UInt64) -> Int {
        let mask = 2 &* capacity &- 1
        var position = Int(truncatingIfNeeded: hash) & mask
        while bucket(position) != 0 { position = (position &+ 1) & mask }
        return position
    }

    // MARK: Insertion and removal

    /// Appends an entry for an absent key at empty bucket `position`; the caller stores the
    /// value (and counts the key's reference). Requires `used < capacity`.
    @inline(__always) package func append(key: UInt64, hash: UInt64, bucket position: Int) -> Int {
        let index = used
        unsafe entry(index).storeBytes(of: hash, as: UInt64.self)
        unsafe entry(index).storeBytes(of: key, toByteOffset: 8, as: UInt64.self)
        setBucket(position, Self.bucketBits(hash: hash, entry: index))
        used = index &+ 1
        count = count &+ 1
        return index
    }

    /// Removes entry `index`, found at bucket `position`. The caller has taken its key and
    /// value (their references) already.
    @inline(__always) package func remove(bucket position: Int, entry index: Int) {
        unsafe entry(index).storeBytes(of: Self.holeHash, as: UInt64.self)
        count = count &- 1
        // Backward-shift deletion: pull back every following bucket of the run whose home
        // lies at or before the hole, so no probe sequence is broken.
        let mask = 2 &* capacity &- 1
        var hole = position
        var next = position
        while true {
            next = (next &+ 1) & mask
            let bits = bucket(next)
            if bits == 0 { break }
            let home = Int(truncatingIfNeeded: bits >> 32) & mask
            if (next &- home) & mask >= (next &- hole) & mask {
                setBucket(hole, bits)
                hole = next
            }
        }
        setBucket(hole, 0)
        if index == used &- 1 {
            var end = index
            while end > 0 && isHole(end &- 1) { end &-= 1 }
            used = end
        }
    }

    /// Whether removals left so many holes that iteration would cost more than four times
    /// the live entries: then `rebuild` (shrinking) pays for itself.
    @inline(__always) package var isSparse: Bool { used >= 32 && count &* 4 < used }

    /// The entry capacity a rebuild with `count` live entries chooses: room for at least
    /// as many insertions as there are entries.
    package static func capacity(for count: Int) -> Int {
        let wanted = 2 * count
        guard wanted > minimumCapacity else { return minimumCapacity }
        return 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)
    }

    /// Moves the live entries, in order and without holes, into new buffers for
    /// `newCapacity` entries (≥ `count`, a power of two, at most `maximumCapacity`) and
    /// rebuilds the buckets.
    package func rebuild(capacity newCapacity: Int, stats: inout Heap) {
        let stride = self.stride
        let newEntries = UnsafeMutableRawPointer.allocate(byteCount: newCapacity * stride, alignment: 8)
        let newBuckets = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * newCapacity)
        unsafe newBuckets.initialize(repeating: 0, count: 2 * newCapacity)
        let mask = 2 * newCapacity - 1
        var moved = 0
        for index in 0..<used where !isHole(index) {
            let hash = storedHash(at: index)
            unsafe (newEntries + moved * stride).copyMemory(from: entry(index), byteCount: stride)
            var position = Int(truncatingIfNeeded: hash) & mask
            while unsafe newBuckets[position] != 0 { position = (position + 1) & mask }
            unsafe newBuckets[position] = Self.bucketBits(hash: hash, entry: moved)
            moved += 1
        }
        let oldCapacity = capacity
        unsafe entries?.deallocate()
        unsafe buckets?.deallocate()
        unsafe entries = newEntries
        unsafe buckets = newBuckets
        stats.liveBytes += Self.bufferBytes(capacity: newCapacity, stride: stride)
            - Self.bufferBytes(capacity: oldCapacity, stride: stride)
        capacity = newCapacity
        used = moved
    }

    /// Frees the buffers (the references in the entries were released already).
    package func freeStorage(stats: inout Heap) {
        unsafe entries?.deallocate()
        unsafe buckets?.deallocate()
        stats.liveBytes -= Self.bufferBytes(capacity: capacity, stride: stride)
        unsafe entries = nil
        unsafe buckets = nil
        capacity = 0
        used = 0
        count = 0
    }

    // MARK: Checking (tests)

    /// Checks every structural invariant above; returns a description of the first broken
    /// one, or nil. O(capacity); for tests.
    package func invariantViolation(stringKeys: Bool) -> String? {
        let capacity = self.capacity
        if capacity == 0 {
            let noBuffers = unsafe entries == nil && buckets == nil
            return count == 0 && used == 0 && noBuffers ? nil : "empty dictionary with state"
        }
        guard capacity >= Self.minimumCapacity, capacity & (capacity - 1) == 0 else { return "capacity \(capacity)" }
        guard used <= capacity, count <= used else { return "count \(count) used \(used) capacity \(capacity)" }
        if used > 0 && isHole(used - 1) { return "hole at the end" }
        var live = 0
        for index in 0..<used where !isHole(index) {
            live += 1
            let hash = storedHash(at: index)
            guard hash <= Self.hashBits, hash == Self.hash(key: key(at: index), stringKeys: stringKeys) else {
                return "entry \(index) has a wrong hash"
            }
            guard find(key(at: index), hash: hash, stringKeys: stringKeys).entry == index else {
                return "entry \(index) is not found by its key"
            }
        }
        guard live == count else { return "\(live) live entries, count \(count)" }
        let mask = 2 * capacity - 1
        var occupied = 0
        for position in 0...mask {
            let bits = bucket(position)
            guard bits != 0 else { continue }
            occupied += 1
            let index = Int(bits & 0xFFFF_FFFF) - 1
            guard index < used, !isHole(index), storedHash(at: index) & 0xFFFF_FFFF == bits >> 32 else {
                return "bucket \(position) points at a bad entry"
            }
            var probe = Int(bits >> 32) & mask
            while probe != position {
                if bucket(probe) == 0 { return "bucket \(position) is unreachable from its home" }
                probe = (probe + 1) & mask
            }
        }
        return occupied == count ? nil : "\(occupied) buckets for \(count) entries"
    }
}

extension RuntimeTypes.Record {
    /// The index of the `k`-th strong slot (`k` below `strongCount`, the table's length).
    @inline(__always) package func strongSlot(_ k: Int) -> Int {
        Int(unsafe strongSlots.unsafelyUnwrapped[k])
    }
}
