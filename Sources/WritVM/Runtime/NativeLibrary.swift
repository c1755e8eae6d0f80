#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WritBytecode

// The implementations of `NativeFunction` (language.md §19, §25.2).

extension Interpreter {
    /// The math functions run inline in the `call.native` handler; everything else (string and
    /// collection natives, which need more stack and Swift runtime calls) goes out of line, so
    /// the handler's prologue stays small.
    @inline(__always) mutating func callNative(_ native: NativeFunction, arguments a: Frame, results r: Frame) -> Bool {
        switch native {
        case .sqrt: r[float: 0] = a[float: 0].squareRoot()
        case .sin: r[float: 0] = Glibc.sin(a[float: 0])
        case .cos: r[float: 0] = Glibc.cos(a[float: 0])
        case .tan: r[float: 0] = Glibc.tan(a[float: 0])
        case .atan2: r[float: 0] = Glibc.atan2(a[float: 0], a[float: 1])
        case .exp: r[float: 0] = Glibc.exp(a[float: 0])
        case .log: r[float: 0] = Glibc.log(a[float: 0])
        case .pow: r[float: 0] = Glibc.pow(a[float: 0], a[float: 1])
        case .floor: r[float: 0] = a[float: 0].rounded(.down)
        case .ceil: r[float: 0] = a[float: 0].rounded(.up)
        case .round: r[float: 0] = a[float: 0].rounded(.toNearestOrAwayFromZero)
        case .absInt:
            let value = a[int: 0]
            if value == .min { return stop(.integerOverflow) }
            r[int: 0] = value < 0 ? -value : value
        case .absFloat: r[float: 0] = a[float: 0].magnitude
        case .minInt: r[int: 0] = Swift.min(a[int: 0], a[int: 1])
        case .maxInt: r[int: 0] = Swift.max(a[int: 0], a[int: 1])
        case .minFloat: r[float: 0] = floatMin(a[float: 0], a[float: 1])
        case .maxFloat: r[float: 0] = floatMax(a[float: 0], a[float: 1])
        case .clampInt: r[int: 0] = Swift.min(Swift.max(a[int: 0], a[int: 1]), a[int: 2])
        case .clampFloat: r[float: 0] = floatMin(floatMax(a[float: 0], a[float: 1]), a[float: 2])
        default:
            return callLibraryNative(native, arguments: a, results: r)
        }
        return true
    }

    @inline(never) mutating func callLibraryNative(_ native: NativeFunction, arguments a: Frame, results r: Frame) -> Bool {
        switch native {
        case .parseInt:
            if let value = Self.parseInt(StringObject(a[ref: 0])) {
                r[bool: 0] = true
                r[int: 1] = value
            } else {
                r[bool: 0] = false
                r[int: 1] = 0
            }
        case .parseFloat:
            if let value = Self.parseFloat(StringObject(a[ref: 0])) {
                r[bool: 0] = true
                r[float: 1] = value
            } else {
                r[bool: 0] = false
                r[float: 1] = 0
            }
        case .stringLength: r[int: 0] = Int64(StringObject(a[ref: 0]).scalarCount)
        case .stringIsEmpty: r[bool: 0] = StringObject(a[ref: 0]).byteCount == 0
        case .stringToUpper: r[ref: 0] = makeString(StringObject(a[ref: 0]).string.uppercased())
        case .stringToLower: r[ref: 0] = makeString(StringObject(a[ref: 0]).string.lowercased())
        case .stringTrim: r[ref: 0] = makeString(Self.trim(StringObject(a[ref: 0]).string, start: true, end: true))
        case .stringTrimStart: r[ref: 0] = makeString(Self.trim(StringObject(a[ref: 0]).string, start: true, end: false))
        case .stringTrimEnd: r[ref: 0] = makeString(Self.trim(StringObject(a[ref: 0]).string, start: false, end: true))
        case .stringContains:
            r[bool: 0] = Self.find(StringObject(a[ref: 1]), in: StringObject(a[ref: 0])) != nil
        case .stringStartsWith:
            let text = StringObject(a[ref: 0])
            let prefix = StringObject(a[ref: 1])
            r[bool: 0] = unsafe prefix.byteCount <= text.byteCount
                && memcmp(text.textStart, prefix.textStart, prefix.byteCount) == 0
        case .stringEndsWith:
            let text = StringObject(a[ref: 0])
            let suffix = StringObject(a[ref: 1])
            r[bool: 0] = unsafe suffix.byteCount <= text.byteCount
                && memcmp(text.textStart + (text.byteCount - suffix.byteCount), suffix.textStart, suffix.byteCount) == 0
        case .stringIndexOf:
            let text = StringObject(a[ref: 0])
            if let byteIndex = Self.find(StringObject(a[ref: 1]), in: text) {
                r[int: 0] = Int64(Self.scalarIndex(ofByte: byteIndex, in: text))
            } else {
                r[int: 0] = -1
            }
        case .stringSubstring:
            let text = StringObject(a[ref: 0])
            let count = Int64(text.scalarCount)
            let start = Swift.min(Swift.max(a[int: 1], 0), count)
            let end = Swift.min(Swift.max(a[int: 2], 0), count)
            r[ref: 0] = substring(text, from: Int(start), to: Int(Swift.max(start, end)))
        case .stringCharAt:
            let text = StringObject(a[ref: 0])
            let index = a[int: 1]
            guard index >= 0 && index < Int64(text.scalarCount) else { return stop(.indexOutOfRange) }
            r[ref: 0] = substring(text, from: Int(index), to: Int(index) + 1)
        case .stringReplace:
            r[ref: 0] = replace(StringObject(a[ref: 0]), StringObject(a[ref: 1]), StringObject(a[ref: 2]))
        case .stringQuoted:
            r[ref: 0] = makeString(Self.quoted(StringObject(a[ref: 0]).string))
        case .arraySlice, .arrayReverse, .arraySortInts, .arraySortFloats, .arraySortStrings, .arrayIndexOfInt,
             .arrayIndexOfFloat, .arrayIndexOfString, .arrayIndexOfByte, .arrayJoinStrings, .stringSplit, .stringChars:
            return callCollectionNative(native, arguments: a, results: r)
        default:
            return stop(RuntimeFault(.invalidInstruction))  // the math functions, handled by callNative
        }
        return true
    }

    /// The nested print form of a string (§24.2): quoted, with `\\ \" \n \r \t` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `min` and `max` on floats follow `a < b ? a : b`, so NaN in the first argument wins.
    @inline(__always) private func floatMin(_ x: Double, _ y: Double) -> Double { y < x ? y : x }
    @inline(__always) private func floatMax(_ x: Double, _ y: Double) -> Double { y > x ? y : x }

    package mutating func makeString(_ text: String) -> ObjectRef {
        StringObject.make(text, stats: &heap).object
    }

    /// A new string of the scalars `start ..< end` of `text`.
    mutating func substring(_ text: StringObject, from start: Int, to end: Int) -> ObjectRef {
        let from = Self.byteOffset(ofScalar: start, in: text)
        let to = Self.byteOffset(ofScalar: end, in: text)
        let bytes = unsafe UnsafeRawBufferPointer(rebasing: text.utf8[from..<to])
        return unsafe StringObject.make(bytes, stats: &heap).object
    }

    mutating func replace(_ text: StringObject, _ old: StringObject, _ new: StringObject) -> ObjectRef {
        if old.byteCount == 0 {
            text.object.strongCount &+= 1
            return text.object
        }
        var bytes: [UInt8] = []
        let source = unsafe text.utf8
        var position = 0
        while let found = Self.find(old, in: text, from: position) {
            unsafe bytes.append(contentsOf: source[position..<found])
            unsafe bytes.append(contentsOf: new.utf8)
            position = found + old.byteCount
        }
        unsafe bytes.append(contentsOf: source[position...])
        return unsafe bytes.withUnsafeBytes { unsafe StringObject.make($0, stats: &heap).object }
    }

    /// Byte offset of the first occurrence of `needle` at or after `start`.
    static func find(_ needle: StringObject, in haystack: StringObject, from start: Int = 0) -> Int? {
        let n = needle.byteCount
        let h = haystack.byteCount
        if n == 0 { return start <= h ? start : nil }
        guard n <= h else { return nil }
        var index = start
        let first = unsafe needle.textStart.load(as: UInt8.self)
        while index + n <= h {
            if unsafe haystack.textStart.load(fromByteOffset: index, as: UInt8.self) == first,
               unsafe memcmp(haystack.textStart + index, needle.textStart, n) == 0
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The byte offset where scalar `scalar` starts (the byte count for the end).
    static func byteOffset(ofScalar scalar: Int, in text: StringObject) -> Int {
        if text.isASCII { return scalar }
        var seen = 0
        var offset = 0
        let bytes = unsafe text.utf8
        while offset < bytes.count {
            if unsafe bytes[offset] & 0xC0 != 0x80 {
                if seen == scalar { return offset }
                seen += 1
            }
            offset += 1
        }
        return bytes.count
    }

    static func scalarIndex(ofByte byte: Int, in text: StringObject) -> Int {
        if text.isASCII { return byte }
        var scalars = 0
        let bytes = unsafe text.utf8
        for offset in 0..<byte where unsafe bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
        return scalars
    }

    static func trim(_ text: String, start: Bool, end: Bool) -> String {
        var scalars = Substring(text).unicodeScalars
        if start { while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() } }
        if end { while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() } }
        return String(scalars)
    }

    /// An optional sign then one or more decimal digits, fitting in an int (§19.3).
    static func parseInt(_ text: StringObject) -> Int64? {
        let bytes = unsafe text.utf8
        var index = 0
        var negative = false
        if index < bytes.count, unsafe bytes[index] == 0x2B || bytes[index] == 0x2D {
            negative = unsafe bytes[index] == 0x2D
            index += 1
        }
        guard index < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        while index < bytes.count {
            let digit = unsafe bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Optional sign, digits with an optional fraction (`12`, `12.5`, `.5`, `5.`), optional
    /// exponent; nothing else (§19.3).
    static func parseFloat(_ text: StringObject) -> Double? {
        let bytes = unsafe Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
        let integerDigits = digits()
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            fractionDigits = digits()
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        // Swift's parser accepts this grammar (and rounds correctly); it does not accept
        // a bare trailing '.', so normalise "5." to "5.0" and ".5" to "0.5".
        var normalized = String(decoding: bytes, as: UTF8.self)
        if fractionDigits == 0, let dot = normalized.firstIndex(of: ".") {
            normalized.insert("0", at: normalized.index(after: dot))
        }
        if integerDigits == 0, let dot = normalized.firstIndex(of: ".") {
            normalized.insert("0", at: dot)
        }
        return Double(normalized)
    }
}
