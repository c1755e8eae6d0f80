import Testing
@testable import WritBytecode

struct VerifierTests {
    /// A one-function program.
    static func program(_ build: (inout CodeBuilder) -> Void, slots: [SlotKind] = [.scalar, .scalar],
                        parameters: Int = 0, results: [SlotKind] = []) -> BytecodeProgram
    {
        var builder = CodeBuilder()
        build(&builder)
        try! builder.finish()
        var program = BytecodeProgram()
        program.files = ["t.writ"]
        program.functions = [BytecodeFunction(name: "f", code: builder.code, slotKinds: slots, parameterCount: parameters,
                                              resultKinds: results, file: 0, lines: [])]
        return program
    }

    static func reason(_ program: BytecodeProgram) -> String? {
        do {
            try Verifier.verify(program)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func acceptsWellFormedCode() {
        let ok = Self.program { b in
            b.emit(.loadI, a: 0, bc: 3)
            b.emit(.addIK, a: 1, b: 0, c: 4)
            b.emit(.ret, x: 1, a: 1)
        }
        #expect(Self.reason(VerifierTests.program({ b in
            b.emit(.loadI, a: 0, bc: 3)
            b.emit(.ret, x: 1, a: 0)
        }, results: [.scalar])) == nil)
        #expect(Self.reason(ok) == "ret: returns 1 slots, the function declares 0")
    }

    @Test func rejectsSlotsOutsideTheFrame() {
        let bad = Self.program { b in
            b.emit(.loadI, a: 5, bc: 3)
            b.emit(.ret0)
        }
        #expect(Self.reason(bad) == "load.i: slot 5 outside the frame")
    }

    @Test func rejectsANumberUsedAsAReference() {
        let bad = Self.program({ b in
            b.emit(.loadI, a: 0, bc: 3)
            b.emit(.printLine, x: 1, a: 0)
            b.emit(.ret0)
        })
        #expect(Self.reason(bad) == "print: slot 0 is scalar, expected a reference")
    }

    @Test func rejectsJumpsIntoTheMiddleOfAnInstruction() {
        var program = Self.program { b in
            b.emit(.loadK, a: 0, extra: [42])
            b.emit(.jump, bc: 0)
        }
        program.functions[0].code[2] = InstructionWord(.jump, bc: -1).bits
        #expect(Self.reason(program) == "jump: jump target 1 is not an instruction")
    }

    @Test func rejectsCodeThatFallsOffItsEnd() {
        let bad = Self.program { b in b.emit(.loadI, a: 0, bc: 1) }
        #expect(Self.reason(bad) == "code is empty or can fall off its end")
    }

    @Test func rejectsUnknownOpcodesAndTruncatedInstructions() {
        var program = Self.program { b in b.emit(.ret0) }
        program.functions[0].code = [0xFE]
        #expect(Self.reason(program) == "unknown opcode 254")
        program.functions[0].code = [InstructionWord(.loadK, a: 0).bits]
        #expect(Self.reason(program) == "instruction runs past the end of the code")
    }

    @Test func requiresOwnedSlotsToBeClearedOnEntry() {
        let bad = Self.program({ b in
            b.emit(.ret0)
        }, slots: [.owned])
        #expect(Self.reason(bad) == "owned slots are not cleared by a leading 'zero'")
        let good = Self.program({ b in
            b.emit(.zero, x: 1, a: 0)
            b.emit(.ret0)
        }, slots: [.owned])
        #expect(Self.reason(good) == nil)
    }

    @Test func checksReciprocalsOfConstantDivisors() {
        let bad = Self.program { b in
            b.emit(.remIK, a: 0, b: 1, c: 7, extra: [12345])
            b.emit(.ret0)
        }
        #expect(Self.reason(bad) == "rem.ik: reciprocal does not match divisor 7")
    }

    @Test func checksCallWindowsAgainstTheCallee() {
        // g returns an owned reference (null here).
        var g = CodeBuilder()
        g.emit(.zero, x: 1, a: 0)
        g.emit(.ret, x: 1, a: 0)
        // f calls g with its frame at slot 3: the result goes to slot 0, which is scalar.
        var f = CodeBuilder()
        f.emit(.call, a: 3, bc: 1, extra: [0, 0])
        f.emit(.ret0)
        var program = BytecodeProgram()
        program.functions = [
            BytecodeFunction(name: "f", code: f.code, slotKinds: [.scalar, .scalar, .scalar], parameterCount: 0,
                             resultKinds: [], file: 0, lines: []),
            BytecodeFunction(name: "g", code: g.code, slotKinds: [.owned], parameterCount: 0,
                             resultKinds: [.owned], file: 0, lines: []),
        ]
        #expect(Self.reason(program) == "call: slot 0 is scalar, expected a result slot of kind owned")
        program.functions[0].slotKinds[0] = .owned
        program.functions[0].code.insert(InstructionWord(.zero, x: 1, a: 0).bits, at: 0)
        #expect(Self.reason(program) == nil)
    }
}
