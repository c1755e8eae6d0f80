/// Prints IR as text: one line per instruction, used by `writ disasm` and the IR tests.
///
///     func fib(%0: int) -> int
///     b0:
///       br.ge.i %0, #2 -> b2, b1
///     b1:
///       ret %0
package enum IRPrinter {
    package static func print(_ function: IRFunction, lines: Bool = false) -> String {
        var out = "func \(function.name)("
        out += function.parameters.map { "\($0): \(kindName(function.kind($0)))" }.joined(separator: ", ")
        out += ")"
        if !function.resultKinds.isEmpty {
            out += " -> " + function.resultKinds.map(kindName).joined(separator: ", ")
        }
        out += "\n"
        for (index, block) in function.blocks.enumerated() {
            out += "b\(index):\n"
            for instruction in block.instructions {
                out += "  " + print(instruction.op, function)
                if lines { out += "  ; line \(instruction.line)" }
                out += "\n"
            }
            out += "  " + print(block.terminator) + "\n"
        }
        return out
    }

    package static func kindName(_ kind: RegKind) -> String {
        switch kind {
        case .int: "int"
        case .float: "float"
        case .owned(let nullable): nullable ? "owned?" : "owned"
        case .borrowed(let nullable): nullable ? "ref?" : "ref"
        }
    }

    static func list(_ regs: [Reg]) -> String { regs.map(\.description).joined(separator: ", ") }

    package static func print(_ op: IROp, _ function: IRFunction) -> String {
        switch op {
        case .constInt(let d, let v): "\(d) = const.i \(v)"
        case .constFloat(let d, let v): "\(d) = const.f \(v.isNaN ? "nan" : "\(v)")"
        case .constString(let d, let v): "\(d) = const.str \(quoted(v))"
        case .constNull(let d): "\(d) = const.null"
        case .move(let d, let s): "\(d) = move \(s)"
        case .moveOwned(let d, let s): "\(d) = move.owned \(s)"
        case .retain(let d, let s): "\(d) = retain \(s)"
        case .release(let r): "release \(r)"
        case .binary(let op, let d, let a, let b): "\(d) = \(op.rawValue) \(a), \(b)"
        case .unary(let op, let d, let a): "\(d) = \(op.rawValue) \(a)"
        case .fused(let op, let d, let a, let b, let c): "\(d) = \(op.rawValue) \(a), \(b), \(c)"
        case .concat(let d, let parts): "\(d) = concat \(list(parts))"
        case .getGlobal(let d, let g): "\(d) = global.get @\(g)"
        case .setGlobal(let g, let r): "global.set @\(g), \(r)"
        case .initGlobal(let g): "global.init @\(g)"
        case .checkGlobal(let g): "global.check @\(g)"
        case .call(let f, let args, let results):
            (results.isEmpty ? "" : "\(list(results)) = ") + "call f\(f)(\(list(args)))"
        case .callNative(let f, let args, let results):
            (results.isEmpty ? "" : "\(list(results)) = ") + "native \(f.signature.name)(\(list(args)))"
        case .refIsNull(let d, let r): "\(d) = is.null \(r)"
        case .checkPresent(let r): "check.present \(r)"
        case .object(let op, let defs, let uses):
            (defs.isEmpty ? "" : "\(list(defs)) = ") + "\(objectName(op)) \(list(uses))"
        case .callDynamic(let kind, let args, let results):
            (results.isEmpty ? "" : "\(list(results)) = ") + "call.\(dynamicName(kind))(\(list(args)))"
        case .print(let values): "print \(list(values))"
        case .assert(let c, let m): "assert \(c), \(m)"
        case .interruptCheck: "interrupt.check"
        case .startCoroutine(let target, let args, let owner):
            switch target {
            case .function(let f): "start\(owner ? ".owned" : "") f\(f)(\(list(args)))"
            case .dynamic(let kind): "start\(owner ? ".owned" : "").\(dynamicName(kind))(\(list(args)))"
            }
        case .suspend(let kind, let value): "yield.\(kind)" + (value.map { " \($0)" } ?? "")
        case .frameCount(let d): "\(d) = frame.count"
        }
    }

    package static func objectName(_ op: ObjectOp) -> String {
        switch op {
        case .new(let type): "new t\(type)"
        case .getField(let slot, let weak): "get.\(weak ? "weak" : "field") #\(slot)"
        case .setField(let slot, let weak): "set.\(weak ? "weak" : "field") #\(slot)"
        case .destroy: "destroy"
        case .instanceOf(let type): "instance.of t\(type)"
        case .implements(let trait): "implements trait\(trait)"
        case .castClass(let type): "cast t\(type)"
        case .castTrait(let trait): "cast trait\(trait)"
        case .makeClosure(let function, let type): "closure f\(function) t\(type)"
        case .getCapture(let index): "get.capture #\(index)"
        case .newArray(let type, let count): "new.array t\(type) x\(count)"
        case .arrayLength: "array.length"
        case .arrayGet(let slot, let byte): "array.get\(byte ? ".byte" : "") #\(slot)"
        case .arraySet(let slot, let byte): "array.set\(byte ? ".byte" : "") #\(slot)"
        case .arrayPush: "array.push"
        case .arrayPop: "array.pop"
        case .arrayInsert: "array.insert"
        case .arrayRemove: "array.remove"
        case .newDict(let type): "new.dict t\(type)"
        case .dictGet: "dict.get"
        case .dictSet: "dict.set"
        case .dictHas: "dict.has"
        case .dictRemove: "dict.remove"
        case .dictLength: "dict.length"
        case .dictKeys(let type): "dict.keys t\(type)"
        case .dictValues(let type): "dict.values t\(type)"
        case .dictMerge: "dict.merge"
        case .append: "append"
        }
    }

    static func dynamicName(_ kind: DynamicCall) -> String {
        switch kind {
        case .virtual(let slot): "virtual #\(slot)"
        case .trait(let trait, let method): "trait\(trait) #\(method)"
        case .closure: "closure"
        }
    }

    package static func print(_ terminator: Terminator) -> String {
        switch terminator {
        case .jump(let b): "jump \(b)"
        case .branch(let c, let t, let e): "br \(c) -> \(t), \(e)"
        case .compareBranch(let op, let a, let b, let t, let e): "br.\(op.rawValue) \(a), \(b) -> \(t), \(e)"
        case .forLoop(let counter, let last, let body, let exit): "forloop \(counter) < \(last) -> \(body), \(exit)"
        case .ret(let values): values.isEmpty ? "ret" : "ret \(list(values))"
        case .halt: "halt"
        case .unreachable: "unreachable"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
