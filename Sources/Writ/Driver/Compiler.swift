import WritBytecode
import WritCodegen
import WritIR
import WritSyntax
import WritTypes

/// The whole pipeline for `writ run` and `writ disasm`: source → check → lower → passes →
/// bytecode. Compile errors come back as diagnostics (the program is nil), never as a
/// crash.
package struct Compilation: Sendable {
    /// Nil when there is any error.
    package var program: BytecodeProgram?
    package var diagnostics: [Diagnostic]
    /// Every file read, for rendering diagnostics and source lines.
    package var files: [SourceFile]
    /// The IR of every function before and after the passes (kept with `keepIR`).
    package var irBefore: [IRFunction] = []
    package var irAfter: [IRFunction] = []
    /// The entry module's top-level functions a host may call, by name.
    package var exports: [String: ExportedFunction] = [:]

    package func renderDiagnostics(colors: Bool) -> String {
        let renderer = DiagnosticRenderer(colors: colors)
        var out = ""
        for diagnostic in diagnostics {
            if let file = files.first(where: { $0.id == diagnostic.range.file }) {
                out += renderer.render(diagnostic, in: file)
            } else {
                out += "error: \(diagnostic.message)\n"
            }
        }
        return out
    }

    /// The text of a source line (for the disassembler).
    package func sourceLine(file: Int, line: Int) -> String? {
        guard file < files.count else { return nil }
        let bytes = files[file].lineBytes(line)
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

package enum Compiler {
    package struct Options: Sendable {
        /// Keep the IR before and after the passes (for `writ disasm`).
        package var keepIR = false
        /// Check the IR after every pass (tests).
        package var verifyIR = false
        package var host = HostDeclarations()
        package init() {}
    }

    /// Compiles the program whose entry file is at `path`.
    package static func compile(path: String, options: Options = Options()) -> Compilation {
        switch CheckDriver.read(path: path) {
        case .failure(let error):
            let file = SourceFile(path: path, bytes: [])
            return Compilation(program: nil,
                               diagnostics: [.error("cannot read '\(path)': \(error.reason)", at: SourceRange(file: file.id, start: 0, end: 0))],
                               files: [])
        case .success(let bytes):
            return compile(SourceFile(path: path, bytes: bytes), loader: FileModuleLoader(), options: options)
        }
    }

    /// Compiles one source text; imports come from `loader`.
    package static func compile(_ entry: SourceFile, loader: any ModuleLoader = NoModuleLoader(),
                                options: Options = Options()) -> Compilation
    {
        let checked = TypeChecker.check(entry: entry, loader: loader, host: options.host)
        var compilation = Compilation(program: nil, diagnostics: checked.diagnostics, files: checked.files)
        guard let typed = checked.program else { return compilation }
        compilation.exports = ExportedFunction.exports(of: typed)
        do {
            var ir = try Lowering.lower(typed)
            if options.keepIR { compilation.irBefore = ir.functions }
            for index in ir.functions.indices {
                try PassPipeline.run(&ir.functions[index], verify: options.verifyIR)
            }
            if options.keepIR { compilation.irAfter = ir.functions }
            compilation.program = try CodeGenerator.generate(ir)
        } catch let failure as Lowering.Failure {
            compilation.diagnostics.append(.error(failure.message, at: failure.range))
        } catch {
            compilation.diagnostics.append(.error("internal compiler error: \(error)", at: entry.range))
        }
        return compilation
    }
}

/// A top-level function of the entry module, with the types a host call needs.
package struct ExportedFunction: Sendable {
    package var index: Int
    package var name: String
    package var parameterTypes: [WType]
    package var resultType: WType
    package var isCoroutine: Bool

    static func exports(of program: TypedProgram) -> [String: ExportedFunction] {
        guard let entry = program.modules.last?.id else { return [:] }
        var exports: [String: ExportedFunction] = [:]
        for function in program.functions
        where function.kind == .free && function.module == entry && function.typeArguments.isEmpty {
            exports[function.name] = ExportedFunction(index: function.id.index, name: function.name,
                                                      parameterTypes: function.parameterTypes,
                                                      resultType: function.resultType,
                                                      isCoroutine: function.isCoroutine)
        }
        return exports
    }
}

extension SourceFile {
    /// The whole file, for errors with no better place.
    var range: SourceRange { SourceRange(file: id, start: 0, end: 0) }
}
