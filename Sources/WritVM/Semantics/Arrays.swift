// Arrays: creation, length, bounds-checked element access, push (language.md §18.1;
// layout in Memory/HeapObjects.swift). Elements of scalar types are stored unboxed (an
// Array<float> is contiguous doubles, an Array<bool> one byte per element); reference
// elements are counted.

extension Interpreter {
    /// The element stride of arrays of `type` in bytes.
    @inline(__always) func arrayStride(_ type: UInt16) -> Int {
        let record = types[type]
        return record.byteElements ? 1 : 8 * record.slotCount
    }

    /// Copies one element from consecutive slots into the array's storage, counting its
    /// references.
    @inline(__always) func storeElement(_ array: ArrayObject, at index: Int, from slots: Frame, record: RuntimeTypes.Record) {
        if record.byteElements {
            unsafe array.element(index).storeBytes(of: UInt8(truncatingIfNeeded: slots[raw: 0]), as: UInt8.self)
            return
        }
        for k in 0..<record.slotCount {
            unsafe array.element(index, byte: 8 * k).storeBytes(of: slots[raw: k], as: UInt64.self)
        }
        for k in 0..<record.strongCount {
            let bits = slots[raw: Int(unsafe record.strongSlots.unsafelyUnwrapped[k])]
            if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        }
    }

    @inline(__always) mutating func newArray(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = UInt16(truncatingIfNeeded: w.c)
        let record = types[type]
        let array = ArrayObject.allocate(capacity: w.x, stride: arrayStride(type), type: type, stats: &heap)
        for index in 0..<w.x {
            storeElement(array, at: index, from: fp.advanced(by: w.b + index * record.slotCount), record: record)
        }
        array.count = w.x
        fp[ref: w.a] = array.object
        return true
    }

    @inline(__always) func arrayLength(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[int: w.a] = Int64(ArrayObject(fp[ref: w.b]).count)
    }

    @inline(__always) mutating func arrayGet(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.b])
        let index = fp[int: w.c]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        fp[raw: w.a] = unsafe array.element(Int(index), byte: 8 * w.x).load(as: UInt64.self)
        return true
    }

    @inline(__always) mutating func arrayGetRef(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.b])
        let index = fp[int: w.c]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        let bits = unsafe array.element(Int(index), byte: 8 * w.x).load(as: UInt64.self)
        if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        fp[raw: w.a] = bits
        return true
    }

    @inline(__always) mutating func arrayGetByte(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.b])
        let index = fp[int: w.c]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        fp[raw: w.a] = UInt64(unsafe array.element(Int(index)).load(as: UInt8.self))
        return true
    }

    @inline(__always) mutating func arraySet(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.a])
        let index = fp[int: w.b]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        unsafe array.element(Int(index), byte: 8 * w.x).storeBytes(of: fp[raw: w.c], as: UInt64.self)
        return true
    }

    @inline(__always) mutating func arraySetRef(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.a])
        let index = fp[int: w.b]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        let element = unsafe array.element(Int(index), byte: 8 * w.x)
        let old = unsafe element.load(as: UInt64.self)
        unsafe element.storeBytes(of: fp[raw: w.c], as: UInt64.self)
        fp[raw: w.c] = 0
        releaseBits(old)
        return true
    }

    @inline(__always) mutating func arraySetByte(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.a])
        let index = fp[int: w.b]
        guard _fastPath(UInt64(bitPattern: index) < UInt64(array.count)) else { return stop(.indexOutOfRange) }
        unsafe array.element(Int(index)).storeBytes(of: UInt8(truncatingIfNeeded: fp[raw: w.c]), as: UInt8.self)
        return true
    }

    @inline(__always) mutating func arrayPush(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.a])
        let count = array.count
        if _slowPath(count == array.capacity) { array.reserve(count + 1, stats: &heap) }
        storeElement(array, at: count, from: fp.advanced(by: w.b), record: types[array.object.typeID])
        array.count = count + 1
        return true
    }
}
