// Int and float arithmetic and conversions (language.md §6.3, §6.8).

extension Interpreter {
    @inline(__always) mutating func addI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].addingReportingOverflow(fp[int: w.c])
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    @inline(__always) mutating func subI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].subtractingReportingOverflow(fp[int: w.c])
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    @inline(__always) mutating func mulI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].multipliedReportingOverflow(by: fp[int: w.c])
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    @inline(__always) mutating func divI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let divisor = fp[int: w.c]
        if _slowPath(divisor == 0) { return stop(.divisionByZero) }
        let (result, overflow) = fp[int: w.b].dividedReportingOverflow(by: divisor)
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    /// `%` has the sign of the left operand; `x % -1` is 0 for every x (§6.3).
    @inline(__always) mutating func remI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let divisor = fp[int: w.c]
        if _slowPath(divisor == 0) { return stop(.divisionByZero) }
        fp[int: w.a] = divisor == -1 ? 0 : fp[int: w.b] % divisor
        return true
    }

    @inline(__always) mutating func negI(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let value = fp[int: w.b]
        if _slowPath(value == .min) { return stop(.integerOverflow) }
        fp[int: w.a] = -value
        return true
    }

    @inline(__always) mutating func addIK(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].addingReportingOverflow(Int64(w.cSigned))
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    @inline(__always) mutating func subIK(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].subtractingReportingOverflow(Int64(w.cSigned))
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    @inline(__always) mutating func mulIK(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let (result, overflow) = fp[int: w.b].multipliedReportingOverflow(by: Int64(w.cSigned))
        if _slowPath(overflow) { return stop(.integerOverflow) }
        fp[int: w.a] = result
        return true
    }

    /// Division by a constant C ≥ 2: for a dividend in 0 ..< 2^32 the quotient is
    /// `(M * x) >> 64` with M = ⌈2^64 / C⌉ (Lemire, Kaser, Kurz 2019), two cycles instead of
    /// a 64-bit `idiv`; other dividends take the plain division.
    @inline(__always) func divIK(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let dividend = fp[int: w.b]
        if _fastPath(UInt64(bitPattern: dividend) <= UInt64(UInt32.max)) {
            let quotient = pc.extra(0).multipliedFullWidth(by: UInt64(bitPattern: dividend)).high
            fp[int: w.a] = Int64(bitPattern: quotient)
        } else {
            fp[int: w.a] = dividend / Int64(w.cSigned)
        }
    }

    /// Remainder by a constant C ≥ 2, with the same reciprocal as `divIK`: for a dividend
    /// in 0 ..< 2^32 the remainder is `((M * x mod 2^64) * C) >> 64`.
    @inline(__always) func remIK(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let dividend = fp[int: w.b]
        if _fastPath(UInt64(bitPattern: dividend) <= UInt64(UInt32.max)) {
            let low = pc.extra(0) &* UInt64(bitPattern: dividend)
            fp[int: w.a] = Int64(bitPattern: low.multipliedFullWidth(by: UInt64(truncatingIfNeeded: w.cSigned)).high)
        } else {
            fp[int: w.a] = dividend % Int64(w.cSigned)
        }
    }

    @inline(__always) func addF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = fp[float: w.b] + fp[float: w.c]
    }

    @inline(__always) func subF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = fp[float: w.b] - fp[float: w.c]
    }

    @inline(__always) func mulF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = fp[float: w.b] * fp[float: w.c]
    }

    @inline(__always) func divF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = fp[float: w.b] / fp[float: w.c]
    }

    /// The truncating remainder, like C's `fmod` (§6.3).
    @inline(__always) func remF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = fp[float: w.b].truncatingRemainder(dividingBy: fp[float: w.c])
    }

    @inline(__always) func negF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = -fp[float: w.b]
    }

    // The product is rounded before the sum: `(b * c) + x` in two IEEE operations, never a
    // fused multiply-add (Swift does not contract these), so results match the unfused code.
    @inline(__always) func mulAddF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let product = fp[float: w.b] * fp[float: w.c]
        fp[float: w.a] = product + fp[float: w.x]
    }

    @inline(__always) func mulSubF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let product = fp[float: w.b] * fp[float: w.c]
        fp[float: w.a] = product - fp[float: w.x]
    }

    @inline(__always) func subMulF(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        let product = fp[float: w.b] * fp[float: w.c]
        fp[float: w.a] = fp[float: w.x] - product
    }

    @inline(__always) func i2f(_ fp: Frame, _ pc: Pc) {
        let w = pc.word
        fp[float: w.a] = Double(fp[int: w.b])
    }

    /// Truncates toward zero; nan, infinities and values outside the int range fail.
    @inline(__always) mutating func f2i(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        let value = fp[float: w.b]
        guard _fastPath(value >= -0x1p63 && value < 0x1p63) else { return stop(.valueOutOfRangeForInt) }
        fp[int: w.a] = Int64(value)
        return true
    }
}
