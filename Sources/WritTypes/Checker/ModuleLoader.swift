import WritSyntax

/// Maps an import path to a module's source text (language.md §21.2), so the checker can
/// run on files on disk (`FileModuleLoader`) or in memory (`InMemoryModuleLoader`, tests).
package protocol ModuleLoader: Sendable {
    /// The module that `importPath` (as written in an import of the file at `importer`)
    /// names, or nil when there is none. `canonicalPath` identifies the module: two imports
    /// that name the same file must give the same canonical path.
    func load(importPath: String, from importer: String) -> LoadedModule?
}

package struct LoadedModule: Sendable {
    /// Identity of the module (a normalised path).
    package var canonicalPath: String
    /// The path to show in diagnostics.
    package var displayPath: String
    package var bytes: [UInt8]
    package init(canonicalPath: String, displayPath: String, bytes: [UInt8]) {
        self.canonicalPath = canonicalPath
        self.displayPath = displayPath
        self.bytes = bytes
    }
}

/// Path arithmetic for imports: relative to the importing file's directory, `.writ`
/// appended unless present, `.` and `..` components resolved.
package enum ModulePath {
    package static func resolve(_ importPath: String, from importer: String) -> String {
        var path = importPath
        if !path.hasSuffix(".writ") { path += ".writ" }
        if path.hasPrefix("/") { return normalize(path) }
        let dir: String
        if let slash = importer.lastIndex(of: "/") {
            dir = String(importer[..<slash])
        } else {
            dir = ""
        }
        return normalize(dir.isEmpty ? path : dir + "/" + path)
    }

    /// Removes `.` components and folds `x/..` pairs (leading `..` are kept).
    package static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }
}

/// Modules held in memory, keyed by path (e.g. `main.writ`, `items/weapon.writ`).
package struct InMemoryModuleLoader: ModuleLoader, Sendable {
    package var files: [String: String]
    package init(_ files: [String: String]) {
        var normalized: [String: String] = [:]
        for (k, v) in files { normalized[ModulePath.normalize(k)] = v }
        self.files = normalized
    }

    package func load(importPath: String, from importer: String) -> LoadedModule? {
        let path = ModulePath.resolve(importPath, from: importer)
        guard let text = files[path] else { return nil }
        return LoadedModule(canonicalPath: path, displayPath: path, bytes: Array(text.utf8))
    }
}

/// A loader that reads nothing: every import is `module not found`.
package struct NoModuleLoader: ModuleLoader, Sendable {
    package init() {}
    package func load(importPath: String, from importer: String) -> LoadedModule? { nil }
}
