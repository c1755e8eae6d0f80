/// Prints stored bytecode, one instruction per line, from the instruction table:
///
///     fib  (frame 10, params 1, results 1)
///        0  jge.ik     r0, 2, @3          ; line 2
///        2  ret        r0, 1              ; line 3
///
/// Slot operands print as `r<slot>`, jump targets as `@<word offset>`, constants and
/// indices by their meaning.
package enum Disassembler {
    package static func disassemble(_ program: BytecodeProgram, sourceLines: ((Int, Int) -> String?)? = nil) -> String {
        var out = ""
        for (index, function) in program.functions.enumerated() {
            if index > 0 { out += "\n" }
            out += disassemble(function, index: index, program: program, sourceLines: sourceLines)
        }
        return out
    }

    package static func disassemble(_ function: BytecodeFunction, index: Int, program: BytecodeProgram,
                                    sourceLines: ((Int, Int) -> String?)? = nil) -> String
    {
        var out = "f\(index) \(function.name)  (frame \(function.frameSize), params \(function.parameterCount), "
        out += "results \(function.resultKinds.count))\n"
        let kinds = function.slotKinds.enumerated().filter { $0.element != .scalar }
            .map { "r\($0.offset):\($0.element == .owned ? "owned" : "borrowed")" }
        if !kinds.isEmpty { out += "  refs: " + kinds.joined(separator: " ") + "\n" }
        var offset = 0
        var lastLine = -1
        while offset < function.code.count {
            let word = InstructionWord(bits: function.code[offset])
            guard let opcode = word.opcode else {
                out += padded(String(offset), 5, left: true) + "  <invalid \(word.bits & 0xFF)>\n"
                offset += 1
                continue
            }
            let spec = opcode.spec
            let line = function.line(at: offset)
            if let sourceLines, line != lastLine, let text = sourceLines(function.file, line) {
                out += "       ; \(line): \(text.trimmingLeadingSpaces)\n"
            }
            lastLine = line
            var operands: [String] = []
            for operand in spec.operands {
                operands.append(format(operand, word: word, at: offset, function: function, program: program))
            }
            // Long names and operand lists still keep one space before what follows them.
            let text = padded(spec.name + " ", 12) + operands.joined(separator: ", ")
            out += padded(String(offset), 5, left: true) + "  " + padded(text + " ", 40) + "; line \(line)\n"
            offset += spec.storedWords
        }
        return out
    }

    static func format(_ operand: Operand, word: InstructionWord, at offset: Int, function: BytecodeFunction,
                       program: BytecodeProgram) -> String
    {
        let field = operand.field
        if case .extra(let index) = field {
            let bits = offset + 1 + index < function.code.count ? function.code[offset + 1 + index] : 0
            switch operand.kind {
            case .function:
                let index = Int(bits)
                return program.functions.indices.contains(index) ? "f\(index) \(program.functions[index].name)" : "f\(index)"
            case .constant64:
                let asInt = Int64(bitPattern: bits)
                let asFloat = Double(bitPattern: bits)
                return asInt.magnitude < 1 << 52 ? "\(asInt)" : "\(asInt) (\(asFloat))"  // magnitude: Int64.min (-0.0) has no abs
            default:
                return "-"
            }
        }
        switch operand.kind {
        case .readScalar, .writeScalar, .updateScalar, .readRef, .readOptRef, .writeOwned, .writeBorrowed, .writeNull,
             .consume, .readRefRange, .window:
            return "r\(word.unsignedValue(field))"
        case .immediate:
            return "\(word.signedValue(field))"
        case .jumpTarget:
            return "@\(offset + word.signedValue(field))"
        case .function:
            let index = word.unsignedValue(field)
            return program.functions.indices.contains(index) ? "f\(index) \(program.functions[index].name)" : "f\(index)"
        case .native:
            let index = word.unsignedValue(field)
            return NativeFunction(rawValue: UInt16(index)).map { $0.signature.name } ?? "native\(index)"
        case .string:
            let index = word.unsignedValue(field)
            return program.strings.indices.contains(index) ? quoted(program.strings[index]) : "s\(index)"
        case .global:
            let index = word.unsignedValue(field)
            return program.globals.indices.contains(index) ? "@\(program.globals[index].name)" : "g\(index)"
        case .count:
            return "\(word.unsignedValue(field))"
        case .type:
            let index = word.unsignedValue(field)
            return program.types.indices.contains(index) ? "t\(index) \(program.types[index].name)" : "t\(index)"
        case .trait:
            return "trait\(word.unsignedValue(field))"
        case .constant64, .loaderPatched:
            return "-"
        }
    }

    static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(40) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + (text.unicodeScalars.count > 40 ? "…\"" : "\"")
    }
}

extension String {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
}
