import WritBytecode
import WritTypes

/// Functions lowering synthesises, after the program's own: printing and structural
/// equality are compiled into ordinary functions per type (no run-time reflection), and a
/// function used as a value gets a thunk with the closure calling convention.
enum Helper: Hashable {
    /// Calls function `index` (which has no closure parameter) from a closure: parameters
    /// are the closure, then the function's.
    case thunk(Int)
    /// The print form (§24) of a value of the type: top-level, or nested (strings quoted).
    case printForm(WType, nested: Bool)
    /// Whether two values of the type are equal (§6.4).
    case equality(WType)
    /// Stable sort of an array of the element type with a "comes before" closure (§18.1).
    case sortBy(WType)
}

extension LoweringContext {
    func synthesize(_ helper: Helper) throws(Lowering.Failure) -> IRFunction {
        let index = helperIndex[helper]!
        switch helper {
        case .thunk(let target):
            return synthesizeThunk(target, index: index)
        case .printForm(let type, let nested):
            var l = FunctionLowering(helperNamed: "<print \(program.typeName(type))>", index: index, context: self)
            let value = l.helperParameters(type)
            l.b.function.resultKinds = [.owned(nullable: false)]
            let form = try l.buildPrintForm(value, type: type, nested: nested)
            l.b.terminate(.ret(l.ownedCopy(form).regs))
            return l.b.finish()
        case .sortBy(let element):
            var l = FunctionLowering(helperNamed: "<sort>", index: index, context: self)
            try l.buildSortBy(element: element)
            return l.b.finish()
        case .equality(let type):
            var l = FunctionLowering(helperNamed: "<equals \(program.typeName(type))>", index: index, context: self)
            let a = l.helperParameters(type)
            let c = l.helperParameters(type)
            l.b.function.resultKinds = [.int]
            let result = try l.buildEquality(a, c, type: type)
            l.b.terminate(.ret([result]))
            return l.b.finish()
        }
    }

    func synthesizeThunk(_ target: Int, index: Int) -> IRFunction {
        let function = program.functions[target]
        var l = FunctionLowering(helperNamed: function.displayName, index: index, context: self)
        let closure = l.b.newRegister(.borrowed(nullable: false))
        var arguments: [Reg] = []
        for type in function.parameterTypes { arguments += l.newRegisters(for: type, owned: false) }
        l.b.function.parameters = [closure] + arguments
        let results = l.newRegisters(for: function.resultType, owned: true)
        l.b.function.resultKinds = results.map { l.kind($0) }
        l.b.emit(.call(target, arguments: arguments, results: results))
        l.b.terminate(.ret(results))
        return l.b.finish()
    }
}

extension FunctionLowering {
    /// Parameters of a helper holding a value of `type` (references borrowed).
    mutating func helperParameters(_ type: WType) -> Value {
        let regs = newRegisters(for: type, owned: false)
        b.function.parameters += regs
        return Value(regs: regs, isTemporary: false)
    }

    /// Calls a print-form helper on a value (disposing it).
    mutating func callPrintHelper(_ value: Value, type: WType, nested: Bool) -> Value {
        let index = context.helper(.printForm(type, nested: nested))
        let result = b.newRegister(.owned(nullable: false))
        b.emit(.call(index, arguments: value.regs, results: [result]))
        dispose(value)
        return Value(result)
    }

    /// Calls an equality helper; returns the bool register.
    mutating func callEqualityHelper(_ a: Value, _ c: Value, type: WType) -> Reg {
        let index = context.helper(.equality(type))
        let result = b.newRegister(.int)
        b.emit(.call(index, arguments: a.regs + c.regs, results: [result]))
        return result
    }
}

extension FunctionLowering {
    /// The body of `sort(less:)`: a stable bottom-up merge sort (O(n log n) comparisons)
    /// that merges runs from the array into a scratch array and copies them back. `less`
    /// may change the array meanwhile: every access is bounds-checked, so that is an
    /// `index out of range` error at worst, never a crash.
    mutating func buildSortBy(element: WType) throws(Lowering.Failure) {
        let array = b.newRegister(.borrowed(nullable: false), name: "array")
        let less = b.newRegister(.borrowed(nullable: false), name: "less")
        b.function.parameters = [array, less]
        let arrayValue = Value(array, isTemporary: false)
        let lessValue = Value(less, isTemporary: false)
        let n = arrayLength(array)
        let done = b.newBlock()
        let start = b.newBlock()
        b.terminate(.compareBranch(.ltI, n, .imm(2), then: done, else: start))
        b.switchTo(start)
        let scratch = b.newRegister(.owned(nullable: false), name: "scratch")
        b.emit(.callNative(.arraySlice, arguments: [array, b.constInt(0), n], results: [scratch]))
        let width = b.newRegister(.int, name: "width")
        b.emit(.constInt(width, 1))
        // while width < n
        try loop(while: { l in l.b.binary(.ltI, width, .reg(n)) }) { (l: inout FunctionLowering) throws(Lowering.Failure) in
            let i = l.b.newRegister(.int, name: "i")
            l.b.emit(.constInt(i, 0))
            try l.loop(while: { l in l.b.binary(.ltI, i, .reg(n)) }) { (l: inout FunctionLowering) throws(Lowering.Failure) in
                let mid = l.minimum(l.b.binary(.addI, i, .reg(width)), n)
                let twice = l.b.binary(.mulI, width, .imm(2))
                let hi = l.minimum(l.b.binary(.addI, i, .reg(twice)), n)
                let left = l.b.newRegister(.int, name: "left")
                let right = l.b.newRegister(.int, name: "right")
                let k = l.b.newRegister(.int, name: "k")
                l.b.emit(.move(left, i))
                l.b.emit(.move(right, mid))
                l.b.emit(.move(k, i))
                // Both runs have elements: take the right one only if it comes strictly before.
                try l.loop(while: { l in
                    let a = l.b.binary(.ltI, left, .reg(mid))
                    let c = l.b.binary(.ltI, right, .reg(hi))
                    return l.b.binary(.mulI, a, .reg(c))
                }) { (l: inout FunctionLowering) throws(Lowering.Failure) in
                    let r = l.loadElement(array, index: right, element: element)
                    let e = l.loadElement(array, index: left, element: element)
                    let before = l.callClosureValue(lessValue, [r, e], type: .bool)
                    let takeRight = l.b.newBlock()
                    let takeLeft = l.b.newBlock()
                    let next = l.b.newBlock()
                    l.b.terminate(.branch(before.reg, then: takeRight, else: takeLeft))
                    l.b.switchTo(takeRight)
                    l.storeElement(scratch, index: k, value: Value(regs: r.regs, isTemporary: false), element: element)
                    l.b.emit(.binary(.addI, right, right, .imm(1)))
                    l.b.terminate(.jump(next))
                    l.b.switchTo(takeLeft)
                    l.storeElement(scratch, index: k, value: Value(regs: e.regs, isTemporary: false), element: element)
                    l.b.emit(.binary(.addI, left, left, .imm(1)))
                    l.b.terminate(.jump(next))
                    l.b.switchTo(next)
                    l.dispose(r)
                    l.dispose(e)
                    l.b.emit(.binary(.addI, k, k, .imm(1)))
                }
                for (from, end) in [(left, mid), (right, hi)] {
                    try l.loop(while: { l in l.b.binary(.ltI, from, .reg(end)) }) { (l: inout FunctionLowering) throws(Lowering.Failure) in
                        let item = l.loadElement(array, index: from, element: element)
                        l.storeElement(scratch, index: k, value: item, element: element)
                        l.b.emit(.binary(.addI, from, from, .imm(1)))
                        l.b.emit(.binary(.addI, k, k, .imm(1)))
                    }
                }
                l.b.emit(.binary(.addI, i, i, .reg(twice)))
            }
            // Copy the merged runs back.
            let j = l.b.newRegister(.int, name: "j")
            l.b.emit(.constInt(j, 0))
            try l.loop(while: { l in l.b.binary(.ltI, j, .reg(n)) }) { (l: inout FunctionLowering) throws(Lowering.Failure) in
                let item = l.loadElement(scratch, index: j, element: element)
                l.storeElement(array, index: j, value: item, element: element)
                l.b.emit(.binary(.addI, j, j, .imm(1)))
            }
            l.b.emit(.binary(.mulI, width, width, .imm(2)))
        }
        b.emit(.release(scratch))
        _ = arrayValue
        b.terminate(.jump(done))
        b.switchTo(done)
        b.terminate(.ret([]))
    }

    /// `while condition() { body }` (condition re-evaluated each iteration).
    mutating func loop(while condition: (inout FunctionLowering) -> Reg,
                       _ body: (inout FunctionLowering) throws(Lowering.Failure) -> Void) throws(Lowering.Failure) {
        let test = b.newBlock()
        let bodyBlock = b.newBlock()
        let exit = b.newBlock()
        b.terminate(.jump(test))
        b.switchTo(test)
        let value = condition(&self)
        b.terminate(.branch(value, then: bodyBlock, else: exit))
        b.switchTo(bodyBlock)
        try body(&self)
        b.emit(.interruptCheck)
        b.terminate(.jump(test))
        b.switchTo(exit)
    }

    mutating func minimum(_ a: Reg, _ c: Reg) -> Reg {
        let result = b.newRegister(.int)
        b.emit(.callNative(.minInt, arguments: [a, c], results: [result]))
        return result
    }
}
