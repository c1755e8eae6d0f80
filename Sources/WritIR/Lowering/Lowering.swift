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
        var shared = LoweringContext(program: program)
        var output = IRProgram()
        output.files = program.files.map(\.path)
        var functions: [IRFunction] = []
        for function in program.functions {
            var lowering = FunctionLowering(function: function, context: shared)
            functions.append(try lowering.lower())
            shared = lowering.context
        }
        output.functions = functions
        output.globals = shared.globalInfos
        output.initializers = program.modules.map(\.main.index)
        output.entry = program.modules.last.map(\.main.index) ?? 0
        return output
    }
}

/// What every function's lowering shares: layouts, the storage of globals.
struct LoweringContext {
    let program: TypedProgram
    var layouts: Layouts
    /// VM global slots of each top-level variable stored as a global (nil: a register of
    /// its module's `<main>`, or a constant).
    var globalSlots: [[Int]?]
    var globalInfos: [GlobalInfo] = []

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
    }
}
