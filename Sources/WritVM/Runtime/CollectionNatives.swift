import WritBytecode

// The collection natives (language.md §18.1, §19.2): slice, reverse, sort, indexOf, join,
// split and chars. Reference arguments are borrowed; reference results are counted (+1).
//
// Sorting is a stable merge sort (insertion-sorted runs of 16, then bottom-up merges that
// are skipped when two runs are already in order, so sorted input costs O(n)). Floats are
// ordered by `<` with every NaN after every number: NaNs end up last, in their original
// order, and -0.0 and 0.0 count as equal (they keep their order). This is a strict weak
// order, so the sort cannot misbehave whatever the input.

// MARK: Element access (part of the fence around raw memory)
//
// Safety invariant: indices passed to these helpers are below the array's `count` (or, for
// `setWord`/`setByte` while filling a new array, below its `capacity`), which the callers
// below check or iterate within; `loadElement` writes `stride / 8` slots (one for a bool
// array) into a frame window the verifier proved is inside the frame. `WordBuffer`s are only
// indexed below the count they were made with.

extension ArrayObject {
    /// Slot `slot` of element `index` (arrays that do not store bytes).
    @inline(__always) package func word(_ index: Int, slot: Int) -> UInt64 {
        unsafe element(index, byte: 8 &* slot).load(as: UInt64.self)
    }

    @inline(__always) package func setWord(_ index: Int, slot: Int, _ bits: UInt64) {
        unsafe element(index, byte: 8 &* slot).storeBytes(of: bits, as: UInt64.self)
    }

    /// Element `index` of a bool array.
    @inline(__always) package func byte(_ index: Int) -> UInt8 { unsafe element(index).load(as: UInt8.self) }

    @inline(__always) package func setByte(_ index: Int, _ value: UInt8) {
        unsafe element(index).storeBytes(of: value, as: UInt8.self)
    }

    /// Copies element `index` into the frame slots from `first`, moving its references there
    /// (no count changes). A bool array's byte becomes one slot holding 0 or 1.
    @inline(__always) package func loadElement(_ index: Int, into frame: Frame, at first: Int) {
        let stride = self.stride
        if stride == 1 {
            frame[raw: first] = UInt64(byte(index))
        } else {
            unsafe UnsafeMutableRawPointer(frame.base + first).copyMemory(from: element(index), byteCount: stride)
        }
    }

    /// Moves `count` elements starting at `source` so that they start at `destination`
    /// (ranges may overlap; both end within the capacity).
    @inline(__always) package func moveElements(from source: Int, to destination: Int, count: Int) {
        guard count > 0 else { return }
        unsafe element(destination).copyMemory(from: element(source), byteCount: count * stride)
    }

    /// Copies `count` elements of `source` (same stride) from `start` into this array from
    /// element 0.
    package func copyElements(from source: ArrayObject, start: Int, count: Int) {
        guard count > 0 else { return }
        unsafe element(0).copyMemory(from: source.element(start), byteCount: count * stride)
    }

    /// Swaps elements `i` and `j` (different indices) of `stride` bytes.
    @inline(__always) package func swapElements(_ i: Int, _ j: Int) {
        let stride = self.stride
        if stride == 1 {
            let a = byte(i)
            setByte(i, byte(j))
            setByte(j, a)
            return
        }
        for slot in 0..<(stride / 8) {
            let a = word(i, slot: slot)
            setWord(i, slot: slot, word(j, slot: slot))
            setWord(j, slot: slot, a)
        }
    }

    /// The elements as 8-byte words (an array of one-slot elements that is not empty).
    @inline(__always) package var words: WordBuffer { unsafe WordBuffer(storage.unsafelyUnwrapped) }
}

/// 8-byte words in raw memory: an array's elements, or scratch space for sorting.
@safe package struct WordBuffer {
    package let base: UnsafeMutableRawPointer

    @inline(__always) package init(_ base: UnsafeMutableRawPointer) { unsafe self.base = base }

    @inline(__always) package subscript(index: Int) -> UInt64 {
        get { unsafe base.load(fromByteOffset: index &* 8, as: UInt64.self) }
        nonmutating set { unsafe base.storeBytes(of: newValue, toByteOffset: index &* 8, as: UInt64.self) }
    }

    package static func allocate(_ count: Int) -> WordBuffer {
        unsafe WordBuffer(UnsafeMutableRawPointer.allocate(byteCount: 8 * max(count, 1), alignment: 8))
    }

    package func deallocate() { unsafe base.deallocate() }

    /// Copies `count` words of `source` from `from` to this buffer at `to`.
    @inline(__always) package func copy(_ count: Int, from source: WordBuffer, at from: Int, to: Int) {
        guard count > 0 else { return }
        unsafe (base + 8 &* to).copyMemory(from: source.base + 8 &* from, byteCount: 8 &* count)
    }
}

extension StringObject {
    /// Byte `offset` of the text (below `byteCount`).
    @inline(__always) package func byte(at offset: Int) -> UInt8 {
        unsafe textStart.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// A new string of the bytes `start ..< end` of `text` (both on scalar boundaries).
    package static func make(slice text: StringObject, from start: Int, to end: Int,
                             stats: inout Heap) -> StringObject {
        unsafe make(UnsafeRawBufferPointer(start: text.textStart + start, count: end - start), stats: &stats)
    }
}

// MARK: The natives

extension Interpreter {
    @inline(never) mutating func callCollectionNative(_ native: NativeFunction, arguments a: Frame, results r: Frame) -> Bool {
        switch native {
        case .arraySlice:
            r[ref: 0] = arraySlice(ArrayObject(a[ref: 0]), from: a[int: 1], to: a[int: 2]).object
        case .arrayReverse:
            let array = ArrayObject(a[ref: 0])
            var i = 0
            var j = array.count - 1
            while i < j {
                array.swapElements(i, j)
                i += 1
                j -= 1
            }
        case .arraySortInts:
            return sortWords(ArrayObject(a[ref: 0])) { Int64(bitPattern: $0) < Int64(bitPattern: $1) }
        case .arraySortFloats:
            return sortWords(ArrayObject(a[ref: 0])) { x, y in
                let left = Double(bitPattern: x)
                let right = Double(bitPattern: y)
                return left < right || (right.isNaN && !left.isNaN)
            }
        case .arraySortStrings:
            return sortWords(ArrayObject(a[ref: 0])) {
                StringObject(ObjectRef(bits: $0)).compare(StringObject(ObjectRef(bits: $1))) < 0
            }
        case .arrayIndexOfInt:
            let array = ArrayObject(a[ref: 0])
            let needle = a[raw: 1]
            r[int: 0] = Self.firstIndex(in: array) { array.word($0, slot: 0) == needle }
        case .arrayIndexOfFloat:
            let array = ArrayObject(a[ref: 0])
            let needle = a[float: 1]
            r[int: 0] = Self.firstIndex(in: array) { Double(bitPattern: array.word($0, slot: 0)) == needle }
        case .arrayIndexOfString:
            // Elements and needle may be null (an Array<Optional<string>>): null equals null.
            let array = ArrayObject(a[ref: 0])
            let needle = a[raw: 1]
            r[int: 0] = Self.firstIndex(in: array) { index in
                let element = array.word(index, slot: 0)
                if element == needle { return true }
                if element == 0 || needle == 0 { return false }
                return StringObject(ObjectRef(bits: element)).equals(StringObject(ObjectRef(bits: needle)))
            }
        case .arrayIndexOfByte:
            let array = ArrayObject(a[ref: 0])
            let needle = UInt8(truncatingIfNeeded: a[raw: 1])
            r[int: 0] = Self.firstIndex(in: array) { array.byte($0) == needle }
        case .arrayJoinStrings:
            r[ref: 0] = joinStrings(ArrayObject(a[ref: 0]), separator: StringObject(a[ref: 1])).object
        case .stringSplit:
            guard let type = stringArrayType(a[int: 2]) else { return stop(RuntimeFault(.invalidInstruction)) }
            r[ref: 0] = split(StringObject(a[ref: 0]), separator: StringObject(a[ref: 1]), type: type).object
        case .stringChars:
            guard let type = stringArrayType(a[int: 1]) else { return stop(RuntimeFault(.invalidInstruction)) }
            r[ref: 0] = scalars(of: StringObject(a[ref: 0]), type: type).object
        default:
            return stop(RuntimeFault(.invalidInstruction))
        }
        return true
    }

    /// A new array of the same type holding elements `start ..< end`, both clamped to
    /// `0 … count` (`start >= end` gives an empty array); references are counted.
    mutating func arraySlice(_ array: ArrayObject, from start: Int64, to end: Int64) -> ArrayObject {
        let count = Int64(array.count)
        let from = Int(min(max(start, 0), count))
        let to = Int(min(max(end, 0), count))
        let length = max(to - from, 0)
        let type = array.object.typeID
        let slice = ArrayObject.allocate(capacity: length, stride: array.stride, type: type, stats: &heap)
        slice.copyElements(from: array, start: from, count: length)
        slice.count = length
        let record = types[type]
        if record.strongCount > 0 && !record.byteElements {
            for index in 0..<length {
                for k in 0..<record.strongCount {
                    let bits = slice.word(index, slot: record.strongSlot(k))
                    if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
                }
            }
        }
        return slice
    }

    /// Sorts an array of one-slot elements in place; fails only for arrays whose elements
    /// are not 8 bytes (code the type checker did not produce).
    @inline(__always) mutating func sortWords(_ array: ArrayObject, by less: (UInt64, UInt64) -> Bool) -> Bool {
        guard array.stride == 8 else { return stop(RuntimeFault(.invalidInstruction)) }
        if array.count > 1 { Self.stableSort(array.words, count: array.count, by: less) }
        return true
    }

    /// The first index whose element satisfies `matches`, or -1.
    @inline(__always) static func firstIndex(in array: ArrayObject, where matches: (Int) -> Bool) -> Int64 {
        for index in 0..<array.count where matches(index) { return Int64(index) }
        return -1
    }

    /// Stable in-place sort of `count` words by `less` (a strict weak order).
    @inline(__always) static func stableSort(_ items: WordBuffer, count: Int, by less: (UInt64, UInt64) -> Bool) {
        guard count > 1 else { return }
        let run = 16
        var start = 0
        while start < count {
            let end = min(start + run, count)
            var i = start + 1
            while i < end {
                let item = items[i]
                var j = i
                while j > start && less(item, items[j - 1]) {
                    items[j] = items[j - 1]
                    j -= 1
                }
                items[j] = item
                i += 1
            }
            start = end
        }
        guard count > run else { return }
        let scratch = WordBuffer.allocate(count)
        var width = run
        while width < count {
            var low = 0
            while low + width < count {
                let middle = low + width
                let high = min(low + 2 * width, count)
                if less(items[middle], items[middle - 1]) {
                    merge(items, low, middle, high, scratch: scratch, by: less)
                }
                low = high
            }
            width *= 2
        }
        scratch.deallocate()
    }

    /// Merges the sorted runs `low ..< middle` and `middle ..< high`, taking from the left
    /// run unless the right element is strictly less (stability).
    @inline(__always) static func merge(_ items: WordBuffer, _ low: Int, _ middle: Int, _ high: Int,
                                        scratch: WordBuffer, by less: (UInt64, UInt64) -> Bool) {
        let leftCount = middle - low
        scratch.copy(leftCount, from: items, at: low, to: 0)
        var left = 0
        var right = middle
        var out = low
        while left < leftCount && right < high {
            let candidate = items[right]
            let held = scratch[left]
            if less(candidate, held) {
                items[out] = candidate
                right += 1
            } else {
                items[out] = held
                left += 1
            }
            out += 1
        }
        items.copy(leftCount - left, from: scratch, at: left, to: out)
    }

    /// The type of a split/chars result array, checked: the index comes from a slot, which
    /// the verifier cannot check.
    @inline(__always) func stringArrayType(_ value: Int64) -> UInt16? {
        guard value >= 0 && value < Int64(types.count) else { return nil }
        let type = UInt16(truncatingIfNeeded: value)
        let record = types[type]
        guard record.kind == .array, !record.byteElements, record.slotCount == 1, record.strongCount == 1 else {
            return nil
        }
        return type
    }

    /// Appends a counted string reference to an array of strings, taking it over.
    @inline(__always) mutating func appendString(_ string: StringObject, to array: ArrayObject) {
        let count = array.count
        if _slowPath(count == array.capacity) { array.reserve(count + 1, stats: &heap) }
        array.setWord(count, slot: 0, string.object.bits)
        array.count = count + 1
    }

    /// The strings of `array` joined by `separator` (a null element of an
    /// Array<Optional<string>> reads as `null`, its print form).
    mutating func joinStrings(_ array: ArrayObject, separator: StringObject) -> StringObject {
        let count = array.count
        var total = count > 1 ? separator.byteCount * (count - 1) : 0
        for index in 0..<count {
            let bits = array.word(index, slot: 0)
            total += bits == 0 ? 4 : StringObject(ObjectRef(bits: bits)).byteCount
        }
        let result = StringObject.allocate(capacity: total, stats: &heap)
        for index in 0..<count {
            if index > 0 { result.append(separator) }
            let bits = array.word(index, slot: 0)
            if bits == 0 {
                var null: UInt32 = 0x6C6C_756E  // "null", little-endian
                unsafe withUnsafeBytes(of: &null) { unsafe result.append($0) }
            } else {
                result.append(StringObject(ObjectRef(bits: bits)))
            }
        }
        return result
    }

    /// §19.2 `split`: the pieces between non-overlapping occurrences of `separator`, left to
    /// right, empty pieces included (`"".split(",")` is `[""]`); an empty separator gives
    /// the scalars.
    mutating func split(_ text: StringObject, separator: StringObject, type: UInt16) -> ArrayObject {
        if separator.byteCount == 0 { return scalars(of: text, type: type) }
        let array = ArrayObject.allocate(capacity: 4, stride: 8, type: type, stats: &heap)
        var start = 0
        while let found = Self.find(separator, in: text, from: start) {
            appendString(StringObject.make(slice: text, from: start, to: found, stats: &heap), to: array)
            start = found + separator.byteCount
        }
        appendString(StringObject.make(slice: text, from: start, to: text.byteCount, stats: &heap), to: array)
        return array
    }

    /// §19.2 `chars`: every Unicode scalar as a one-scalar string.
    mutating func scalars(of text: StringObject, type: UInt16) -> ArrayObject {
        let array = ArrayObject.allocate(capacity: text.scalarCount, stride: 8, type: type, stats: &heap)
        let count = text.byteCount
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && text.byte(at: end) & 0xC0 == 0x80 { end += 1 }
            appendString(StringObject.make(slice: text, from: start, to: end, stats: &heap), to: array)
            start = end
        }
        return array
    }
}
