// print and assert (language.md §25.1).

extension Interpreter {
    @inline(__always) mutating func printLine(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        for index in 0..<w.x {
            if index > 0 { output.append(byte: 0x20) }
            unsafe output.append(StringObject(fp[ref: w.a + index]).utf8)
        }
        output.append(byte: 0x0A)
        output.endLine()
        return true
    }

    @inline(__always) mutating func assert(_ fp: Frame, _ pc: Pc) -> Bool {
        let w = pc.word
        if _slowPath(!fp[bool: w.a]) {
            faultMessage = StringObject(fp[ref: w.b]).string
            return stop(RuntimeFault(.assertionFailed))
        }
        return true
    }
}
