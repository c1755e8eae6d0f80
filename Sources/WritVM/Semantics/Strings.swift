// Strings: concatenation, print forms of scalars, comparison (language.md §6.6, §19, §24).

extension Interpreter {
    @inline(__always) mutating func concat(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let left = StringObject(fp[ref: w.b])
        let right = StringObject(fp[ref: w.c])
        let result = StringObject.allocate(capacity: left.byteCount + right.byteCount, stats: &heap)
        result.append(left)
        result.append(right)
        fp[ref: w.a] = result.object
        return true
    }

    @inline(__always) mutating func concatN(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        var total = 0
        for index in 0..<w.x { total += StringObject(fp[ref: w.b + index]).byteCount }
        let result = StringObject.allocate(capacity: total, stats: &heap)
        for index in 0..<w.x { result.append(StringObject(fp[ref: w.b + index])) }
        fp[ref: w.a] = result.object
        return true
    }

    @inline(__always) mutating func toStrI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let (start, count) = PrintForm.writeInt(fp[int: w.b], into: &buffer)
        let result = StringObject.allocate(capacity: count, stats: &heap)
        unsafe withUnsafeBytes(of: &buffer) { bytes in
            unsafe result.append(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
        }
        fp[ref: w.a] = result.object
        return true
    }

    @inline(__always) mutating func toStrF(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let text = PrintForm.float(fp[float: w.b])
        fp[ref: w.a] = StringObject.make(text, stats: &heap).object
        return true
    }

    @inline(__always) func toStrB(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[ref: w.a] = fp[bool: w.b] ? trueString : falseString
    }

    @inline(__always) func eqS(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = StringObject(fp[ref: w.b]).equals(StringObject(fp[ref: w.c]))
    }

    @inline(__always) func eqRef(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = fp[raw: w.b] == fp[raw: w.c]
    }

    @inline(__always) func ltS(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = StringObject(fp[ref: w.b]).compare(StringObject(fp[ref: w.c])) < 0
    }

    @inline(__always) func leS(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[bool: w.a] = StringObject(fp[ref: w.b]).compare(StringObject(fp[ref: w.c])) <= 0
    }
}

// String building: `s = s .. a .. b` and `s += a` append to `s` in place when nothing else
// holds its string, so building a string piece by piece in a loop is linear, not quadratic.

extension Interpreter {
    @inline(__always) mutating func append(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let target = StringObject(fp[ref: w.a])
        var added = 0
        var aliased = false
        for index in 0..<w.x {
            let part = fp[ref: w.b + index]
            added += StringObject(part).byteCount
            if part == target.object { aliased = true }
        }
        let needed = target.byteCount + added
        if _fastPath(!aliased && target.object.strongCount == 1 && needed <= target.capacity) {
            for index in 0..<w.x { target.append(StringObject(fp[ref: w.b + index])) }
            return true
        }
        // Grow geometrically, so appending in a loop copies each byte a bounded number of times.
        let result = StringObject.allocate(capacity: max(needed, 2 * target.byteCount), stats: &heap)
        result.append(target)
        for index in 0..<w.x { result.append(StringObject(fp[ref: w.b + index])) }
        fp[ref: w.a] = result.object
        releaseObject(target.object)
        return true
    }
}
