/// A source file as the front end sees it: its path as the user gave it, and its bytes.
///
/// The text is kept as raw bytes, not a Swift `String`: the lexer works on UTF-8 bytes
/// directly (and reports invalid UTF-8 itself), and locations are byte offsets that are
/// turned into a line and a column (counted in Unicode scalars, language.md §2.1) only
/// when a diagnostic or a source map needs them.
package final class SourceFile: Sendable {
    /// The path exactly as the runner opened it (diagnostics print it unchanged).
    package let path: String
    /// The file's bytes, unmodified.
    package let bytes: [UInt8]
    /// Which file of a program this is; `SourceRange` carries it.
    package let id: FileID
    /// Byte offset of the first byte of every line; `lineStarts[0] == 0`.
    package let lineStarts: [Int]

    package init(path: String, bytes: [UInt8], id: FileID = FileID(0)) {
        self.path = path
        self.bytes = bytes
        self.id = id
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    package convenience init(path: String, text: String, id: FileID = FileID(0)) {
        self.init(path: path, bytes: Array(text.utf8), id: id)
    }

    /// The 1-based line that contains `offset`.
    package func line(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The 1-based line and column of `offset`; the column counts Unicode scalars
    /// (UTF-8 lead bytes) from the start of the line, as language.md §2.1 requires.
    package func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A location in the middle of a scalar counts as that scalar.
        if end < bytes.count, end > start, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { column -= 1 }
        return (line, column)
    }

    /// The bytes of line `line` (1-based) without its line break (and without a CR before it).
    package func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<max(start, end)]
    }
}

/// Identifies one file of a program; diagnostics and source maps resolve it through the
/// program's file table.
package struct FileID: Hashable, Sendable {
    package var rawValue: UInt32
    package init(_ rawValue: UInt32) { self.rawValue = rawValue }
}

/// A half-open byte range `start..<end` in one file. Every AST node carries one.
package struct SourceRange: Hashable, Sendable {
    package var file: FileID
    package var start: UInt32
    package var end: UInt32

    package init(file: FileID, start: Int, end: Int) {
        self.file = file
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: max(start, end))
    }

    /// The smallest range covering both.
    package func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: Int(min(start, other.start)), end: Int(max(end, other.end)))
    }

    /// An empty range at the start of this one.
    package var startPoint: SourceRange { SourceRange(file: file, start: Int(start), end: Int(start)) }

    /// A placeholder for synthesised nodes that have no text of their own.
    package static let none = SourceRange(file: FileID(UInt32.max), start: 0, end: 0)
}
