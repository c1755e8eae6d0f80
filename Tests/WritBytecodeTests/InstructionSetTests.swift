#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import WritBytecode

struct InstructionSetTests {
    /// The package root, found from this file's path.
    static var packageRoot: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/WritBytecodeTests/InstructionSetTests.swift
        return parts.joined(separator: "/")
    }

    static func read(_ path: String) -> String? {
        guard let handle = unsafe fopen(path, "r") else { return nil }
        defer { unsafe fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = unsafe fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func generatedDispatchFilesAreUpToDate() {
        for file in DispatchRenderer.allFiles() {
            let committed = Self.read(Self.packageRoot + "/" + file.path)
            #expect(committed == file.contents, "\(file.path) is stale: run `swift run WritGen`")
        }
    }

    @Test func everyOpcodeHasAUniqueNameAndASwitchCase() {
        let names = Opcode.allCases.map(\.spec.name)
        #expect(Set(names).count == names.count)
        let switchLoop = DispatchRenderer.allFiles().first { $0.path.hasSuffix("SwitchLoop.swift") }!.contents
        let header = DispatchRenderer.allFiles().first { $0.path.hasSuffix(".h") }!.contents
        for opcode in Opcode.allCases {
            #expect(switchLoop.contains("case \(opcode.rawValue):  // \(opcode.spec.name)"))
            #expect(header.contains("(uintptr_t)writ_tc_\(DispatchRenderer.methodName(opcode)),"))
            if DispatchRenderer.jumpField(opcode) != nil {
                #expect(header.contains("(uintptr_t)writ_tc_\(DispatchRenderer.methodName(opcode))_back,"))
            }
        }
    }

    @Test func opcodeNumberingIsDense() {
        for (index, opcode) in Opcode.allCases.enumerated() {
            #expect(Int(opcode.rawValue) == index)
        }
    }

    @Test func instructionWordFieldsRoundTrip() {
        let word = InstructionWord(.addIK, x: 7, a: 65535, b: 1234, c: -5)
        #expect(word.opcode == .addIK)
        #expect(word.x == 7)
        #expect(word.a == 65535)
        #expect(word.b == 1234)
        #expect(word.cSigned == -5)
        let wide = InstructionWord(.jump, bc: -100_000)
        #expect(wide.bc == -100_000)
        #expect(wide.replacing(.bc, with: 42).bc == 42)
        #expect(InstructionWord(bits: 0xFF).opcode == nil)
    }

    @Test func everyOperandFieldIsUsedConsistently() {
        for opcode in Opcode.allCases {
            let spec = opcode.spec
            var fields: [OperandField] = []
            for operand in spec.operands {
                #expect(!fields.contains(operand.field), "\(spec.name) uses a field twice")
                fields.append(operand.field)
                if case .extra(let index) = operand.field {
                    #expect(index < spec.extraWords, "\(spec.name) names extra word \(index)")
                }
            }
            if fields.contains(.bc) {
                #expect(!fields.contains(.b) && !fields.contains(.c), "\(spec.name) overlaps BC with B or C")
            }
        }
    }

    @Test func reciprocalsGiveExactQuotientsForThirtyTwoBitDividends() {
        for divisor in [2, 3, 7, 10, 641, 32767] {
            let m = CodeBuilder.reciprocal(of: divisor)
            for dividend: UInt64 in [0, 1, 6, 7, 8, 99, 1 << 31, UInt64(UInt32.max), UInt64(UInt32.max) - 1] {
                let quotient = m.multipliedFullWidth(by: dividend).high
                let remainder = (m &* dividend).multipliedFullWidth(by: UInt64(divisor)).high
                #expect(quotient == dividend / UInt64(divisor))
                #expect(remainder == dividend % UInt64(divisor))
            }
        }
    }
}
