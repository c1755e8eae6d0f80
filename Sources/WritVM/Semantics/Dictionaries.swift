import WritBytecode

// Dictionaries (language.md §18.2; layout and algorithms in Runtime/DictionaryObject.swift)
// and the array members that move elements in and out (pop, insert, remove; §18.1).
//
// Reference counting: a dictionary holds one count for each string key and for each strong
// value slot. Storing counts the references it stores (the frame keeps its own); reading
// (`dict.get`, keys, values) counts what it writes into a frame or array; removing moves the
// value's references out without a change.
//
// The Optional results of `dict.get` and `dict.remove`: when the value is one strong slot,
// the result is that one slot (the counted reference, or 0 for null); otherwise it is a
// presence flag (1/0) followed by the value's slots (zeros when absent).

extension Interpreter {
    @inline(__always) mutating func newDict(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let type = UInt16(truncatingIfNeeded: w.bc)
        fp[ref: w.a] = DictionaryObject.allocate(valueSlots: types[type].slotCount, type: type, stats: &heap).object
        return true
    }

    /// Counts one more reference for every strong slot of the value in `slots`.
    @inline(__always) func retainValue(_ slots: Frame, record: RuntimeTypes.Record) {
        for k in 0..<record.strongCount {
            let bits = slots[raw: record.strongSlot(k)]
            if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
        }
    }

    /// Whether the dictionary's Optional results use the one-slot form.
    @inline(__always) func isSingleReference(_ record: RuntimeTypes.Record) -> Bool {
        record.slotCount == 1 && record.strongCount == 1
    }

    @inline(__always) mutating func dictGet(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.b])
        let record = types[dictionary.object.typeID]
        let key = fp[raw: w.c]
        let hash = DictionaryObject.hash(key: key, stringKeys: record.keyIsString)
        let entry = dictionary.find(key, hash: hash, stringKeys: record.keyIsString).entry
        if isSingleReference(record) {
            var bits: UInt64 = 0
            if entry >= 0 {
                bits = dictionary.value(at: entry, slot: 0)
                if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
            }
            fp[raw: w.a] = bits
        } else if entry >= 0 {
            fp[raw: w.a] = 1
            dictionary.loadValue(entry, slots: record.slotCount, into: fp, at: w.a + 1)
            retainValue(fp.advanced(by: w.a + 1), record: record)
        } else {
            fp[raw: w.a] = 0
            fp.clear(from: w.a + 1, count: record.slotCount)
        }
        return true
    }

    @inline(__always) mutating func dictSet(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.a])
        let record = types[dictionary.object.typeID]
        let key = fp[raw: w.b]
        let hash = DictionaryObject.hash(key: key, stringKeys: record.keyIsString)
        var (position, entry) = dictionary.find(key, hash: hash, stringKeys: record.keyIsString)
        if entry >= 0 {
            // Replacing keeps the entry (and its position in the order).
            if record.strongCount == 0 {
                dictionary.storeValue(entry, slots: record.slotCount, from: fp, at: w.c)
            } else {
                replaceValue(dictionary, entry: entry, from: fp.advanced(by: w.c), record: record)
            }
            return true
        }
        if _slowPath(dictionary.used == dictionary.capacity) {
            guard rebuildForInsertion(dictionary) else { return stop(RuntimeFault(.memoryLimitExceeded)) }
            position = dictionary.emptyBucket(for: hash)
        }
        if record.keyIsString { ObjectRef(bits: key).strongCount &+= 1 }
        entry = dictionary.append(key: key, hash: hash, bucket: position)
        dictionary.storeValue(entry, slots: record.slotCount, from: fp, at: w.c)
        retainValue(fp.advanced(by: w.c), record: record)
        return true
    }

    /// Replaces the value of `entry` by the one in `slots`, counting the new references and
    /// releasing the old ones. The dictionary is kept alive meanwhile: releasing an old value
    /// may free objects, and must not free the dictionary while it is being written.
    @inline(__always) mutating func replaceValue(_ dictionary: DictionaryObject, entry: Int, from slots: Frame,
                                                 record: RuntimeTypes.Record) {
        dictionary.object.strongCount &+= 1
        for k in 0..<record.strongCount {
            let slot = record.strongSlot(k)
            let new = slots[raw: slot]
            if new != 0 { ObjectRef(bits: new).strongCount &+= 1 }
            let old = dictionary.value(at: entry, slot: slot)
            dictionary.setValue(at: entry, slot: slot, new)
            releaseBits(old)
        }
        dictionary.storeValue(entry, slots: record.slotCount, from: slots, at: 0)
        releaseObject(dictionary.object)
    }

    /// Makes room for one more entry when the entry array is full: squeezes out the holes,
    /// growing only if the live entries need it. False if the dictionary would exceed
    /// `maximumCapacity` entries.
    @inline(never) mutating func rebuildForInsertion(_ dictionary: DictionaryObject) -> Bool {
        let capacity = DictionaryObject.capacity(for: dictionary.count)
        guard capacity <= DictionaryObject.maximumCapacity else { return false }
        dictionary.rebuild(capacity: capacity, stats: &heap)
        return true
    }

    /// After removals left the entry array mostly holes: compacts (and shrinks) it.
    @inline(never) mutating func compactDictionary(_ dictionary: DictionaryObject) {
        dictionary.rebuild(capacity: DictionaryObject.capacity(for: dictionary.count), stats: &heap)
    }

    @inline(__always) func dictHas(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.b])
        let stringKeys = types[dictionary.object.typeID].keyIsString
        let key = fp[raw: w.c]
        let hash = DictionaryObject.hash(key: key, stringKeys: stringKeys)
        fp[bool: w.a] = dictionary.find(key, hash: hash, stringKeys: stringKeys).entry >= 0
    }

    @inline(__always) mutating func dictRemove(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.b])
        let record = types[dictionary.object.typeID]
        let key = fp[raw: w.c]
        let hash = DictionaryObject.hash(key: key, stringKeys: record.keyIsString)
        let (position, entry) = dictionary.find(key, hash: hash, stringKeys: record.keyIsString)
        let single = isSingleReference(record)
        guard entry >= 0 else {
            fp[raw: w.a] = 0
            if !single { fp.clear(from: w.a + 1, count: record.slotCount) }
            return true
        }
        // The value's references move to the result.
        if single {
            fp[raw: w.a] = dictionary.value(at: entry, slot: 0)
        } else {
            fp[raw: w.a] = 1
            dictionary.loadValue(entry, slots: record.slotCount, into: fp, at: w.a + 1)
        }
        let storedKey = dictionary.key(at: entry)
        dictionary.remove(bucket: position, entry: entry)
        if _slowPath(dictionary.isSparse) { compactDictionary(dictionary) }
        if record.keyIsString { releaseObject(ObjectRef(bits: storedKey)) }
        return true
    }

    @inline(__always) func dictLength(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[int: w.a] = Int64(DictionaryObject(fp[ref: w.b]).count)
    }

    mutating func dictKeys(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.b])
        let stringKeys = types[dictionary.object.typeID].keyIsString
        let arrayType = UInt16(truncatingIfNeeded: w.c)
        let stride = arrayStride(arrayType)
        // The array type comes from the instruction; its element must be one key slot.
        guard _fastPath(stride == 8 || stride == 1) else { return stop(RuntimeFault(.invalidInstruction)) }
        let array = ArrayObject.allocate(capacity: dictionary.count, stride: stride, type: arrayType, stats: &heap)
        let bytes = stride == 1
        var element = 0
        for index in 0..<dictionary.used where !dictionary.isHole(index) {
            let key = dictionary.key(at: index)
            if bytes {
                array.setByte(element, UInt8(truncatingIfNeeded: key))
            } else {
                array.setWord(element, slot: 0, key)
                if stringKeys { ObjectRef(bits: key).strongCount &+= 1 }
            }
            element += 1
        }
        array.count = element
        fp[ref: w.a] = array.object
        return true
    }

    mutating func dictValues(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let dictionary = DictionaryObject(fp[ref: w.b])
        let arrayType = UInt16(truncatingIfNeeded: w.c)
        let arrayRecord = types[arrayType]
        let stride = arrayStride(arrayType)
        // The array type comes from the instruction; its element must have the value's size.
        guard _fastPath(stride == 8 * dictionary.valueSlots || (stride == 1 && dictionary.valueSlots == 1)) else {
            return stop(RuntimeFault(.invalidInstruction))
        }
        let array = ArrayObject.allocate(capacity: dictionary.count, stride: stride, type: arrayType, stats: &heap)
        var element = 0
        for index in 0..<dictionary.used where !dictionary.isHole(index) {
            if arrayRecord.byteElements {
                array.setByte(element, UInt8(truncatingIfNeeded: dictionary.value(at: index, slot: 0)))
            } else {
                dictionary.copyValue(index, to: array, element: element)
                for k in 0..<arrayRecord.strongCount {
                    let bits = array.word(element, slot: arrayRecord.strongSlot(k))
                    if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
                }
            }
            element += 1
        }
        array.count = element
        fp[ref: w.a] = array.object
        return true
    }

    @inline(__always) mutating func dictMerge(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let target = DictionaryObject(fp[ref: w.a])
        let source = DictionaryObject(fp[ref: w.b])
        // Merging a dictionary into itself replaces every value by itself.
        if target.object == source.object || source.count == 0 { return true }
        return mergeDictionaries(target, source)
    }

    /// Inserts or replaces every entry of `source` into `target` (a different dictionary of
    /// the same type), in `source`'s order. Both are kept alive meanwhile, since replacing
    /// values releases references.
    @inline(never) mutating func mergeDictionaries(_ target: DictionaryObject, _ source: DictionaryObject) -> Bool {
        let record = types[target.object.typeID]
        let stringKeys = record.keyIsString
        target.object.strongCount &+= 1
        source.object.strongCount &+= 1
        var succeeded = true
        for index in 0..<source.used where !source.isHole(index) {
            let key = source.key(at: index)
            let hash = source.storedHash(at: index)  // same key kind, same hash function
            var (position, entry) = target.find(key, hash: hash, stringKeys: stringKeys)
            if entry >= 0 {
                for k in 0..<record.strongCount {
                    let slot = record.strongSlot(k)
                    let new = source.value(at: index, slot: slot)
                    if new != 0 { ObjectRef(bits: new).strongCount &+= 1 }
                    let old = target.value(at: entry, slot: slot)
                    target.setValue(at: entry, slot: slot, new)
                    releaseBits(old)
                }
                target.copyValue(entry, from: source, entry: index)
                continue
            }
            if target.used == target.capacity {
                guard rebuildForInsertion(target) else {
                    succeeded = false
                    break
                }
                position = target.emptyBucket(for: hash)
            }
            if stringKeys { ObjectRef(bits: key).strongCount &+= 1 }
            entry = target.append(key: key, hash: hash, bucket: position)
            target.copyValue(entry, from: source, entry: index)
            for k in 0..<record.strongCount {
                let bits = target.value(at: entry, slot: record.strongSlot(k))
                if bits != 0 { ObjectRef(bits: bits).strongCount &+= 1 }
            }
        }
        releaseObject(source.object)
        releaseObject(target.object)
        return succeeded ? true : stop(RuntimeFault(.memoryLimitExceeded))
    }

    /// Releases every key string and strong value slot (queued, never recursing: see
    /// Release.swift) and frees the buffers.
    mutating func freeDictionaryContents(_ object: ObjectRef, record: RuntimeTypes.Record) {
        let dictionary = DictionaryObject(object)
        if record.keyIsString || record.strongCount > 0 {
            for index in 0..<dictionary.used where !dictionary.isHole(index) {
                if record.keyIsString { queueRelease(dictionary.key(at: index)) }
                for k in 0..<record.strongCount {
                    queueRelease(dictionary.value(at: index, slot: record.strongSlot(k)))
                }
            }
        }
        dictionary.freeStorage(stats: &heap)
    }
}

// Array members that move an element between the array and consecutive frame slots
// (§18.1). A bool array stores one byte per element, and only bool arrays have stride 1, so
// these need no type record except to count the references of an inserted element.

extension Interpreter {
    @inline(__always) mutating func arrayPop(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.b])
        let count = array.count
        guard _fastPath(count > 0) else { return stop(RuntimeFault(.popFromEmptyArray)) }
        array.loadElement(count - 1, into: fp, at: w.a)
        array.count = count - 1
        return true
    }

    @inline(__always) mutating func arrayInsert(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.a])
        let index = fp[int: w.b]
        let count = array.count
        guard _fastPath(UInt64(bitPattern: index) <= UInt64(count)) else { return stop(.indexOutOfRange) }
        if _slowPath(count == array.capacity) { array.reserve(count + 1, stats: &heap) }
        let at = Int(index)
        array.moveElements(from: at, to: at + 1, count: count - at)
        storeElement(array, at: at, from: fp.advanced(by: w.c), record: types[array.object.typeID])
        array.count = count + 1
        return true
    }

    @inline(__always) mutating func arrayRemove(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let array = ArrayObject(fp[ref: w.b])
        let index = fp[int: w.c]
        let count = array.count
        guard _fastPath(UInt64(bitPattern: index) < UInt64(count)) else { return stop(.indexOutOfRange) }
        let at = Int(index)
        array.loadElement(at, into: fp, at: w.a)
        array.moveElements(from: at + 1, to: at, count: count - at - 1)
        array.count = count - 1
        return true
    }
}
