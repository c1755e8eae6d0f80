import WritBytecode
import WritSyntax
import WritTypes

/// Lambdas, nested functions, captured variables and function values (language.md §9).
///
/// A closure is a heap object holding its function's code address and the captured values
/// in order: a variable captured by value is copied in (its slots); a variable that some
/// code assigns after capture lives in a box (a small heap object) shared by its owner and
/// every closure, and the closure holds the box. The closure's function receives the
/// closure as parameter 0 and reads captures from it.
extension FunctionLowering {
    /// Slot offset and slot count of each capture of `function` in its closure object.
    func captureLayout(_ function: TypedFunction) -> [(offset: Int, count: Int)] {
        var offset = 0
        var result: [(Int, Int)] = []
        for capture in function.captures {
            let count = capture.isBoxed ? 1 : context.layouts.layout(capture.type).count
            result.append((offset, count))
            offset += count
        }
        return result
    }

    /// The closure type of a function (its capture slots).
    func closureType(of function: TypedFunction) -> Int {
        var slots: [TypeDescriptor.Slot] = []
        for capture in function.captures {
            if capture.isBoxed {
                slots.append(.strong)
            } else {
                slots += TypeTable.slots(context.layouts.layout(capture.type))
            }
        }
        return context.types.closureType(function: function.id.index, captures: slots)
    }

    /// Creates the closure of a lambda or nested function, capturing from this function.
    mutating func makeClosure(_ id: FunctionID) throws(Lowering.Failure) -> Value {
        let target = program[id]
        var captured: [Value] = []
        for capture in target.captures {
            switch capture.source {
            case .local(let local):
                switch locals[local.index] {
                case .box(let box, _)?:
                    captured.append(Value(box, isTemporary: false))
                case .registers(let regs)?:
                    captured.append(Value(regs: regs, isTemporary: false))
                case nil:
                    throw fail("captured variable '\(capture.name)' is not declared yet", target.range)
                }
            case .capture(let index):
                captured.append(try readCapture(index, boxItself: true))
            case .parentClosure:
                guard let closure = closureRegister else { throw fail("no enclosing closure", target.range) }
                captured.append(Value(closure, isTemporary: false))
            }
        }
        let result = b.newRegister(.owned(nullable: false))
        let type = closureType(of: target)
        b.emit(.object(.makeClosure(function: id.index, type: type), defs: [result], uses: captured.flatMap(\.regs)))
        for value in captured { dispose(value) }
        return Value(result)
    }

    /// Reads capture `index` of the running closure: the variable's value (from the box when
    /// boxed), or with `boxItself` the box (to capture it again).
    mutating func readCapture(_ index: Int, boxItself: Bool = false) throws(Lowering.Failure) -> Value {
        guard let closure = closureRegister else { throw fail("capture outside a closure", function.range) }
        let capture = function.captures[index]
        let (offset, count) = captureLayout(function)[index]
        if capture.isBoxed {
            let box = b.newRegister(.borrowed(nullable: false))
            b.emit(.object(.getCapture(index: offset), defs: [box], uses: [closure]))
            if boxItself { return Value(box, isTemporary: false) }
            return loadBox(box, type: capture.type)
        }
        var regs: [Reg] = []
        for (k, slot) in context.layouts.layout(capture.type).enumerated() where k < count {
            let r: Reg
            switch slot {
            case .int: r = b.newRegister(.int)
            case .float: r = b.newRegister(.float)
            case .ref(let nullable): r = b.newRegister(.borrowed(nullable: nullable))
            }
            b.emit(.object(.getCapture(index: offset + k), defs: [r], uses: [closure]))
            regs.append(r)
        }
        return Value(regs: regs, isTemporary: false)
    }

    // MARK: Boxes

    /// A new box holding `value` (for a captured variable that is assigned after capture).
    mutating func newBox(_ type: WType, value: Value) -> Reg {
        let box = b.newRegister(.owned(nullable: false))
        b.emit(.object(.new(type: context.types.boxType(type, layouts: &context.layouts)), defs: [box], uses: []))
        storeBox(box, value: value)
        return box
    }

    mutating func loadBox(_ box: Reg, type: WType) -> Value {
        var regs: [Reg] = []
        for (k, slot) in context.layouts.layout(type).enumerated() {
            let r: Reg
            switch slot {
            case .int: r = b.newRegister(.int)
            case .float: r = b.newRegister(.float)
            case .ref(let nullable): r = b.newRegister(.owned(nullable: nullable))
            }
            b.emit(.object(.getField(slot: k, weak: false), defs: [r], uses: [box]))
            regs.append(r)
        }
        return Value(regs: regs)
    }

    /// Stores into a box (the old references are released by the stores).
    mutating func storeBox(_ box: Reg, value: Value) {
        let owned = ownedCopy(value)
        for (k, reg) in owned.regs.enumerated() {
            b.emit(.object(.setField(slot: k, weak: false), defs: [], uses: [box, reg]))
        }
    }

    // MARK: Function values

    /// A top-level or static function as a value: a closure (with no captures) over a thunk
    /// that takes the closure first and calls the function.
    mutating func functionValue(_ id: FunctionID) -> Value {
        let thunk = context.helper(.thunk(id.index))
        let type = context.types.closureType(function: thunk, captures: [])
        let result = b.newRegister(.owned(nullable: false))
        b.emit(.object(.makeClosure(function: thunk, type: type), defs: [result], uses: []))
        return Value(result)
    }
}
