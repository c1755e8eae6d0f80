import Testing
import WritBytecode
@testable import WritVM

/// Every opcode has a handler under every threaded dispatch strategy (the switch loop's
/// cases are checked by InstructionSetTests): the generated C tables have an entry for each
/// opcode, forward and backward, and no two opcodes share a forward handler.
struct HandlerTableTests {
    @Test(arguments: [HandlerTable.direct, .counting, .hooked, .call])
    func everyOpcodeHasItsOwnHandler(_ table: HandlerTable) {
        var owners: [UInt64: Opcode] = [:]
        for opcode in Opcode.allCases {
            let forward = Interpreter.handler(opcode.rawValue, table: table, backward: false)
            let backward = Interpreter.handler(opcode.rawValue, table: table, backward: true)
            #expect(forward != 0, "\(table): no handler for \(opcode.spec.name)")
            #expect(backward != 0, "\(table): no backward handler for \(opcode.spec.name)")
            if let other = owners[forward] {
                Issue.record("\(table): \(opcode.spec.name) and \(other.spec.name) share a handler")
            }
            owners[forward] = opcode
        }
    }
}
