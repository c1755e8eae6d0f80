import WritBytecode

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// WritGen: renders every file derived from the instruction table into the package.
// Run from the package root: `swift run WritGen` (or `swift run WritGen --check` to only
// compare, exiting 1 if a committed file is stale).

/// The contents of a file, or nil if it cannot be read.
func readFile(_ path: String) -> String? {
    guard let handle = unsafe fopen(path, "r") else { return nil }
    defer { unsafe fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = unsafe fread(&buffer, 1, buffer.count, handle)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

let checkOnly = CommandLine.arguments.contains("--check")
var stale = false
for file in DispatchRenderer.allFiles() {
    let existing = readFile(file.path)
    if existing == file.contents { continue }
    stale = true
    if checkOnly {
        print("stale: \(file.path)")
    } else {
        guard let handle = unsafe fopen(file.path, "w") else {
            print("cannot write \(file.path)")
            exit(1)
        }
        unsafe fputs(file.contents, handle)
        unsafe fclose(handle)
        print("wrote \(file.path)")
    }
}
exit(checkOnly && stale ? 1 : 0)
