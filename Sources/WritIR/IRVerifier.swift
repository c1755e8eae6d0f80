/// Checks that a function's IR is well formed: registers and blocks exist, every operation
/// gets registers of the kinds it needs, and the entry block and terminators make sense.
/// Lowering and every pass must leave IR that passes; the tests run it after each pass.
package enum IRVerifier {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func verify(_ function: IRFunction) throws(Failure) {
        func fail(_ message: String) -> Failure { Failure(description: "\(function.name): \(message)") }
        let registerCount = function.registers.count
        func check(_ reg: Reg) throws(Failure) {
            guard reg.index >= 0 && reg.index < registerCount else { throw fail("unknown register \(reg)") }
        }
        func kind(_ reg: Reg) throws(Failure) -> RegKind {
            try check(reg)
            return function.registers[reg.index].kind
        }
        func expectInt(_ reg: Reg, _ what: String) throws(Failure) {
            guard try kind(reg) == .int else { throw fail("\(what): \(reg) is not an int register") }
        }
        func expectFloat(_ reg: Reg, _ what: String) throws(Failure) {
            guard try kind(reg) == .float else { throw fail("\(what): \(reg) is not a float register") }
        }
        func expectRef(_ reg: Reg, _ what: String) throws(Failure) {
            guard try kind(reg).isReference else { throw fail("\(what): \(reg) is not a reference register") }
        }
        func expectOwned(_ reg: Reg, _ what: String) throws(Failure) {
            guard try kind(reg).isOwned else { throw fail("\(what): \(reg) is not an owned register") }
        }
        func expectBlock(_ block: BlockID) throws(Failure) {
            guard block.index >= 0 && block.index < function.blocks.count else { throw fail("unknown block \(block)") }
        }
        guard !function.blocks.isEmpty else { throw fail("no blocks") }
        for parameter in function.parameters {
            let k = try kind(parameter)
            guard !k.isOwned else { throw fail("parameter \(parameter) is owned") }
        }
        for block in function.blocks {
            for instruction in block.instructions {
                let op = instruction.op
                let name = IRPrinter.print(op, function)
                switch op {
                case .constInt(let d, _): try expectInt(d, name)
                case .constFloat(let d, _): try expectFloat(d, name)
                case .constString(let d, _):
                    guard case .borrowed = try kind(d) else { throw fail("\(name): destination must be borrowed") }
                case .constNull(let d):
                    guard try kind(d).isNullable else { throw fail("\(name): destination must be nullable") }
                case .move(let d, let s):
                    let (dk, sk) = (try kind(d), try kind(s))
                    switch (dk, sk) {
                    case (.int, .int), (.float, .float), (.borrowed, .borrowed), (.borrowed, .owned): break
                    default: throw fail("\(name): cannot move \(IRPrinter.kindName(sk)) into \(IRPrinter.kindName(dk))")
                    }
                case .moveOwned(let d, let s):
                    try expectOwned(d, name)
                    try expectOwned(s, name)
                case .retain(let d, let s):
                    try expectOwned(d, name)
                    try expectRef(s, name)
                case .release(let r):
                    try expectOwned(r, name)
                case .binary(let op, let d, let a, let b):
                    if op.operandsAreFloat {
                        try expectFloat(a, name)
                        guard case .reg(let rb) = b else { throw fail("\(name): float operation with an immediate") }
                        try expectFloat(rb, name)
                        if op.isComparison { try expectInt(d, name) } else { try expectFloat(d, name) }
                    } else if op.operandsAreReferences {
                        try expectRef(a, name)
                        guard case .reg(let rb) = b else { throw fail("\(name): string operation with an immediate") }
                        try expectRef(rb, name)
                        try expectInt(d, name)
                    } else {
                        try expectInt(a, name)
                        if case .reg(let rb) = b { try expectInt(rb, name) }
                        try expectInt(d, name)
                    }
                case .unary(let op, let d, let a):
                    switch op {
                    case .negI, .not: try expectInt(d, name); try expectInt(a, name)
                    case .negF: try expectFloat(d, name); try expectFloat(a, name)
                    case .intToFloat: try expectFloat(d, name); try expectInt(a, name)
                    case .floatToInt: try expectInt(d, name); try expectFloat(a, name)
                    case .intToString: try expectOwned(d, name); try expectInt(a, name)
                    case .floatToString: try expectOwned(d, name); try expectFloat(a, name)
                    case .boolToString:
                        guard case .borrowed = try kind(d) else { throw fail("\(name): destination must be borrowed") }
                        try expectInt(a, name)
                    }
                case .fused(_, let d, let a, let b, let c):
                    for r in [d, a, b, c] { try expectFloat(r, name) }
                case .concat(let d, let parts):
                    try expectOwned(d, name)
                    guard parts.count >= 2 else { throw fail("\(name): fewer than two parts") }
                    for part in parts { try expectRef(part, name) }
                case .getGlobal(let d, _): try check(d)
                case .setGlobal(_, let r): try check(r)
                case .initGlobal, .checkGlobal, .interruptCheck: break
                case .call(_, let arguments, let results), .callNative(_, let arguments, let results):
                    for argument in arguments { try check(argument) }
                    for result in results {
                        let k = try kind(result)
                        if k.isReference && !k.isOwned { throw fail("\(name): reference result \(result) must be owned") }
                    }
                case .refIsNull(let d, let r):
                    try expectInt(d, name)
                    try expectRef(r, name)
                case .checkPresent(let r):
                    _ = try kind(r)
                case .object(_, let defs, let uses):
                    for r in defs + uses { _ = try kind(r) }
                case .callDynamic(_, let arguments, let results):
                    guard let first = arguments.first else { throw fail("\(name): no receiver") }
                    try expectRef(first, name)
                    for argument in arguments { _ = try kind(argument) }
                    for result in results {
                        let k = try kind(result)
                        if k.isReference && !k.isOwned { throw fail("\(name): reference result \(result) must be owned") }
                    }
                case .print(let values):
                    for value in values { try expectRef(value, name) }
                case .assert(let c, let m):
                    try expectInt(c, name)
                    try expectRef(m, name)
                case .startCoroutine(let target, let arguments, _):
                    if case .dynamic = target {
                        guard let first = arguments.first else { throw fail("\(name): no receiver") }
                        try expectRef(first, name)
                    }
                    for argument in arguments { _ = try kind(argument) }
                case .suspend(let kind, let value):
                    switch (kind, value) {
                    case (.nextFrame, nil): break
                    case (.frames, let v?): try expectInt(v, name)
                    case (.seconds, let v?): try expectFloat(v, name)
                    case (.until, let v?): try expectRef(v, name)
                    default: throw fail("\(name): wrong operand")
                    }
                case .frameCount(let d):
                    try expectInt(d, name)
                }
            }
            let name = IRPrinter.print(block.terminator)
            for successor in block.terminator.successors { try expectBlock(successor) }
            switch block.terminator {
            case .branch(let c, _, _): try expectInt(c, name)
            case .compareBranch(let op, let a, let b, _, _):
                guard op.isComparison else { throw fail("\(name): not a comparison") }
                if op.operandsAreFloat { try expectFloat(a, name) } else if op.operandsAreReferences { try expectRef(a, name) } else { try expectInt(a, name) }
                if case .reg(let rb) = b { _ = try kind(rb) }
            case .forLoop(let counter, let last, _, _):
                try expectInt(counter, name)
                try expectInt(last, name)
            case .ret(let values):
                guard values.count == function.resultKinds.count else {
                    throw fail("\(name): returns \(values.count) values, the function declares \(function.resultKinds.count)")
                }
                for (value, expected) in zip(values, function.resultKinds) {
                    let k = try kind(value)
                    if expected.isReference {
                        guard k.isOwned else { throw fail("\(name): a reference result must be owned") }
                    } else if k != expected {
                        throw fail("\(name): result \(value) has the wrong kind")
                    }
                }
            case .jump, .halt, .unreachable: break
            }
        }
    }
}
