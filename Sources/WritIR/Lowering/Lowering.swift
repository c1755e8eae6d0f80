import WritBytecode
import WritSyntax
import WritTypes

/// Lowers a checked program (`TypedProgram`) to IR.
///
/// Conventions (read with Lowering/FunctionLowering.swift):
/// - IR function `i` is typed function `i`; functions lowering synthesises (equality and
///   print-form helpers) come after them.
/// - A top-level variable that some function reads or writes is a VM global (one global per
///   slot of its layout); the others live in registers of their module's `<main>`.
/// - The program's initialisers are the modules' `<main>` functions in initialisation order.
package enum Lowering {
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var message: String
        package var range: SourceRange
        package var description: String { message }
    }

    package static func lower(_ program: TypedProgram) throws(Failure) -> IRProgram {
        let context = LoweringContext(program: program)
        var output = IRProgram()
        output.files = program.files.map(\.path)
        var functions: [IRFunction] = []
        for function in program.functions {
            var lowering = FunctionLowering(function: function, context: context)
            functions.append(try lowering.lower())
        }
        // Helpers lowering made along the way (thunks, print forms, equality), which may
        // themselves ask for more.
        var next = 0
        while next < context.pending.count {
            let request = context.pending[next]
            next += 1
            var helper = try context.synthesize(request)
            helper.isHelper = true
            functions.append(helper)
        }
        output.functions = functions
        output.globals = context.globalInfos
        output.initializers = program.modules.map(\.main.index)
        output.entry = program.modules.last.map(\.main.index) ?? 0
        output.types = context.types.descriptors
        output.traitNames = program.traits.map(\.name)
        return output
    }
}

/// What every function's lowering shares: layouts, the storage of globals, the type table,
/// and the helper functions lowering asks for (synthesised after the program's functions).
final class LoweringContext {
    let program: TypedProgram
    var layouts: Layouts
    /// VM global slots of each top-level variable stored as a global (nil: a register of
    /// its module's `<main>`, or a constant).
    var globalSlots: [[Int]?]
    var globalInfos: [GlobalInfo] = []
    var types = TypeTable()
    /// Helper functions requested, in the order of their IR function index.
    var pending: [Helper] = []
    var helperIndex: [Helper: Int] = [:]
    /// (class, vtable slot) pairs that some descendant class overrides.
    var overriddenSlots: Set<OverrideKey> = []

    struct OverrideKey: Hashable {
        var classIndex: Int
        var slot: Int
    }

    init(program: TypedProgram) {
        self.program = program
        self.layouts = Layouts(program: program)
        self.globalSlots = Array(repeating: nil, count: program.globals.count)
        for global in program.globals where global.constant == nil && global.isReferencedFromFunctions {
            var slots: [Int] = []
            for (index, slot) in layouts.layout(global.type).enumerated() {
                let suffix = index == 0 ? "" : ".\(index)"
                slots.append(globalInfos.count)
                globalInfos.append(GlobalInfo(name: global.name + suffix, kind: slot.isReference ? .owned : .scalar))
            }
            globalSlots[global.id.index] = slots
        }
        for info in program.classes {
            var ancestor = info.superclass
            while let a = ancestor {
                let base = program[a]
                for slot in base.vtable.indices where slot < info.vtable.count
                    && info.vtable[slot].function != base.vtable[slot].function {
                    overriddenSlots.insert(OverrideKey(classIndex: a.index, slot: slot))
                }
                ancestor = base.superclass
            }
        }
    }

    /// The type index of class `id`.
    func classType(_ id: ClassID) -> Int {
        types.classType(id, program: program, layouts: &layouts, functionIndex: \.index)
    }

    /// The IR function index of a helper, requesting it if new.
    func helper(_ helper: Helper) -> Int {
        if let existing = helperIndex[helper] { return existing }
        let index = program.functions.count + pending.count
        pending.append(helper)
        helperIndex[helper] = index
        return index
    }
}
