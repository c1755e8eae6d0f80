/// Print forms of scalars (language.md §24).
package enum PrintForm {
    /// The decimal digits of `value`, written backwards from `end` into `buffer`; returns the
    /// index of the first byte. `buffer` must hold 20 bytes.
    @inline(__always) static func writeInt(_ value: Int64, into buffer: inout (UInt64, UInt64, UInt64)) -> (Int, Int) {
        var magnitude = value.magnitude
        var index = 24
        unsafe withUnsafeMutableBytes(of: &buffer) { bytes in
            repeat {
                index -= 1
                unsafe bytes[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                index -= 1
                unsafe bytes[index] = 0x2D
            }
        }
        return (index, 24 - index)
    }

    package static func int(_ value: Int64) -> String { String(value) }

    /// The shortest decimal that reads back as the same double, laid out per §24.1:
    /// plain notation for 1e-4 <= |x| <= 2^53, scientific otherwise.
    package static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = value.magnitude
        // Swift's description is the shortest round-trip digit string; take its digits and
        // decimal exponent and lay them out again.
        let (digits, exponent) = decimalDigits(magnitude.description)
        var out = value < 0 ? "-" : ""
        if magnitude >= 1e-4 && magnitude <= 9007199254740992.0 {
            if exponent >= 0 {
                let integerCount = exponent + 1
                if digits.count <= integerCount {
                    out += digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
                } else {
                    out += digits.prefix(integerCount) + "." + digits.dropFirst(integerCount)
                }
            } else {
                out += "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
        } else {
            out += digits.prefix(1)
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exponent < 0 ? "e-" : "e+"
            let e = abs(exponent)
            out += e < 10 ? "0\(e)" : "\(e)"
        }
        return out
    }

    /// Splits Swift's `Double.description` of a positive finite value into its significant
    /// digits (no leading or trailing zeros) and the decimal exponent of the first digit.
    static func decimalDigits(_ text: String) -> (String, Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        } else {
            integerPart = mantissa
            fractionPart = ""
        }
        var digits = String(integerPart) + fractionPart
        var firstDigitExponent = exponent + integerPart.count - 1
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            firstDigitExponent -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (digits, firstDigitExponent)
    }
}
