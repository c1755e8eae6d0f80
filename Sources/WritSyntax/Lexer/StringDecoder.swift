/// Turns the text tokens of one string literal into the strings they denote: escapes
/// (§2.6) and, for `"""` literals, the indentation rule of §2.7.
///
/// The lexer has already validated every escape and reported the bad ones; here a bad
/// escape is simply dropped (the program will not run anyway).
package enum StringDecoder {
    /// One text token of a literal: its byte range, delimiters included.
    package struct Segment: Sendable {
        package var start: Int
        package var end: Int
        package init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// Decodes the text segments of one literal, in order. `segments[0]` begins with the
    /// opening quote(s); the last one ends with the closing quote(s) unless `unterminated`.
    package static func decode(_ bytes: [UInt8], segments: [Segment], triple: Bool, unterminated: Bool,
                               hasEscapes: Bool) -> [String] {
        let quoteLength = triple ? 3 : 1
        var bounds: [(lo: Int, hi: Int)] = []
        bounds.reserveCapacity(segments.count)
        for (k, s) in segments.enumerated() {
            let lo = min(s.end, s.start + (k == 0 ? quoteLength : 0))
            let hi = max(lo, s.end - (k == segments.count - 1 && !unterminated ? quoteLength : 0))
            bounds.append((lo, hi))
        }
        if !triple {
            return bounds.map { b in
                hasEscapes ? decodeEscapes(bytes, b.lo, b.hi, triple: false, indent: nil, firstLineStart: -1)
                    : String(decoding: bytes[b.lo..<b.hi], as: UTF8.self)
            }
        }

        // Rule 1: a line break right after the opening quotes (after optional blanks) goes.
        var contentStart = bounds[0].lo
        do {
            var j = contentStart
            while j < bounds[0].hi, bytes[j] == Ascii.space || bytes[j] == Ascii.tab { j += 1 }
            if j < bounds[0].hi, bytes[j] == Ascii.cr, j + 1 < bounds[0].hi, bytes[j + 1] == Ascii.lf { j += 1 }
            if j < bounds[0].hi, bytes[j] == Ascii.lf { contentStart = j + 1 }
        }
        // Rule 2: blanks alone before the closing quotes are the indent; they and the line
        // break before them go.
        var contentEnd = bounds[bounds.count - 1].hi
        var indent: ArraySlice<UInt8>? = nil
        if !unterminated {
            let last = bounds[bounds.count - 1]
            var j = last.hi
            while j > last.lo, bytes[j - 1] == Ascii.space || bytes[j - 1] == Ascii.tab { j -= 1 }
            if j > last.lo, bytes[j - 1] == Ascii.lf {
                indent = bytes[j..<last.hi]
                var end = j - 1
                if end > last.lo, bytes[end - 1] == Ascii.cr { end -= 1 }
                contentEnd = max(end, min(contentStart, last.hi))
            }
        }
        return bounds.map { b in
            let lo = max(b.lo, contentStart)
            let hi = min(b.hi, contentEnd)
            guard lo < hi else { return "" }
            return decodeEscapes(bytes, lo, hi, triple: true, indent: indent, firstLineStart: contentStart)
        }
    }

    /// Decodes `bytes[lo..<hi]`, processing escapes; with an `indent`, removes it from the start
    /// of every line (the line beginning at `firstLineStart` and every line after a raw line
    /// break); in a `triple` literal, drops a CR before a line break (§2.1).
    private static func decodeEscapes(_ bytes: [UInt8], _ lo: Int, _ hi: Int, triple: Bool, indent: ArraySlice<UInt8>?,
                                      firstLineStart: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var j = lo
        var atLineStart = lo == firstLineStart
        while j < hi {
            if atLineStart {
                atLineStart = false
                if let indent, !indent.isEmpty, hi - j >= indent.count, bytes[j..<(j + indent.count)].elementsEqual(indent) {
                    j += indent.count
                    continue
                }
            }
            let b = bytes[j]
            if b == Ascii.backslash, j + 1 < hi {
                let c = bytes[j + 1]
                j += 2
                switch c {
                case Ascii.n: out.append(Ascii.lf)
                case Ascii.t: out.append(Ascii.tab)
                case Ascii.r: out.append(Ascii.cr)
                case Ascii.zero: out.append(0)
                case Ascii.backslash, Ascii.quote, Ascii.dollar: out.append(c)
                case Ascii.u:
                    var value: UInt32 = 0
                    var k = j + 1
                    var digits = 0
                    while k < hi, Ascii.isHexDigit(bytes[k]) {
                        if digits < 8 { value = value << 4 | UInt32(Ascii.hexValue(bytes[k])) }
                        digits += 1
                        k += 1
                    }
                    if k < hi, bytes[k] == Ascii.rightBrace { k += 1 }
                    if j < hi, bytes[j] == Ascii.leftBrace, digits <= 6, let scalar = Unicode.Scalar(value) {
                        out.append(contentsOf: String(Character(scalar)).utf8)
                        j = k
                    }
                default:
                    break  // diagnosed by the lexer
                }
                continue
            }
            if triple, b == Ascii.cr, j + 1 < hi, bytes[j + 1] == Ascii.lf {
                j += 1
                continue
            }
            out.append(b)
            j += 1
            if b == Ascii.lf { atLineStart = true }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
