import WritSyntax

extension Checker {
    /// Phase 1: parse the entry file and every module it imports, depth first; number the
    /// modules in initialisation order (§21.4: imported modules first, in import order).
    func loadModules(entry: SourceFile) {
        struct Loaded {
            var path: String
            var file: SourceFile
            var syntax: SourceFileSyntax
            var imports: [(ImportDecl, Int?)] = []
            var visit = 0 // 0 new, 1 on the stack, 2 done
            var moduleIndex = -1
        }
        var loaded: [Loaded] = []
        var byPath: [String: Int] = [:]

        func add(_ file: SourceFile, path: String) -> Int {
            files.append(file)
            let (syntax, parseDiagnostics) = parse(file)
            diagnostics.append(contentsOf: parseDiagnostics)
            loaded.append(Loaded(path: path, file: file, syntax: syntax))
            let index = loaded.count - 1
            byPath[path] = index
            var imports: [(ImportDecl, Int?)] = []
            for item in syntax.items {
                guard case .importDecl(let decl) = item else { continue }
                if let module = loader.load(importPath: decl.path, from: path) {
                    if let existing = byPath[module.canonicalPath] {
                        imports.append((decl, existing))
                    } else {
                        let f = SourceFile(path: module.displayPath, bytes: module.bytes, id: FileID(UInt32(files.count)))
                        // Placeholder so the recursive add sees this path.
                        let target = add(f, path: module.canonicalPath)
                        imports.append((decl, target))
                    }
                } else {
                    report(.moduleNotFound(decl.path), at: decl.pathRange)
                    imports.append((decl, nil))
                }
            }
            loaded[index].imports = imports
            return index
        }

        let entryPath = ModulePath.normalize(entry.path)
        let entryFile = entry.id == FileID(0) ? entry : SourceFile(path: entry.path, bytes: entry.bytes, id: FileID(0))
        _ = add(entryFile, path: entryPath)

        // Depth-first post-order, iteratively (import chains may be long).
        var order: [Int] = []
        var stack: [(Int, Int)] = [(0, 0)]
        loaded[0].visit = 1
        while let (node, next) = stack.last {
            if next < loaded[node].imports.count {
                stack[stack.count - 1].1 += 1
                let (decl, target) = loaded[node].imports[next]
                guard let target else { continue }
                switch loaded[target].visit {
                case 1:
                    report(.circularImport, at: decl.pathRange)
                    loaded[node].imports[next].1 = nil
                case 0:
                    loaded[target].visit = 1
                    stack.append((target, 0))
                default:
                    break
                }
            } else {
                stack.removeLast()
                loaded[node].visit = 2
                loaded[node].moduleIndex = order.count
                order.append(node)
            }
        }
        for (i, index) in order.enumerated() {
            let l = loaded[index]
            let m = ModuleState(id: ModuleID(i), path: l.path, file: l.file, syntax: l.syntax)
            for (decl, target) in l.imports {
                let id = target.map { ModuleID(loaded[$0].moduleIndex) }
                m.importTargets.append((decl, id))
                if let id, !m.imports.contains(id) { m.imports.append(id) }
            }
            modules.append(m)
        }
    }
}
