#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WritTypes

/// Loads imported modules from the file system (language.md §21.2): the import path is
/// relative to the importing file's directory and `.writ` is appended; two paths naming the
/// same file (after `.`/`..` are resolved) are the same module.
package struct FileModuleLoader: ModuleLoader, Sendable {
    package init() {}

    package func load(importPath: String, from importer: String) -> LoadedModule? {
        let path = ModulePath.resolve(importPath, from: importer)
        guard case .success(let bytes) = CheckDriver.read(path: path) else { return nil }
        let canonical = Self.canonicalPath(path)
        return LoadedModule(canonicalPath: canonical, displayPath: path, bytes: bytes)
    }

    /// The absolute path with `.`, `..` and symbolic links resolved (the file exists).
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = unsafe realpath(path, nil) else { return path }
        defer { unsafe free(resolved) }
        return unsafe String(cString: resolved)
    }
}
