/// Renders diagnostics as text, in the one format of language.md §26.1:
///
///     main.writ:2:7: error: undefined variable 'helth'
///     print(helth)
///           ^^^^^
///     help: did you mean 'health'?
///
/// The caret line has a space under every scalar before the column (a tab under a tab) and
/// then `^` for each scalar of the range on that line, at least one. Colour (ANSI) is used only
/// when the caller says so; the CLI decides (stderr is a terminal and `NO_COLOR` is unset).
package struct DiagnosticRenderer: Sendable {
    package var colors: Bool

    package init(colors: Bool = false) {
        self.colors = colors
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Renders one diagnostic located in `file`.
    package func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let start = Int(diagnostic.range.start)
        let (line, column) = file.lineAndColumn(of: start)
        let label = diagnostic.severity == .error ? paint("error:", "1;31") : paint("warning:", "1;33")
        var out = paint("\(file.path):\(line):\(column):", "1") + " \(label) " + paint(diagnostic.message, "1") + "\n"

        let lineBytes = file.lineBytes(line)
        out += String(decoding: lineBytes, as: UTF8.self) + "\n"

        // Under each scalar before the column: a tab under a tab, else a space.
        var caretLine = ""
        var j = lineBytes.startIndex
        let columnOffset = min(max(start, lineBytes.startIndex), lineBytes.endIndex)
        while j < columnOffset {
            let b = lineBytes[j]
            if b & 0xC0 != 0x80 { caretLine.append(b == Ascii.tab ? "\t" : " ") }
            j += 1
        }
        // Then one caret per scalar of the range on this line.
        let end = min(Int(diagnostic.range.end), lineBytes.endIndex)
        var carets = 0
        while j < end {
            if lineBytes[j] & 0xC0 != 0x80 { carets += 1 }
            j += 1
        }
        out += caretLine + paint(String(repeating: "^", count: max(1, carets)), "1;32") + "\n"
        for help in diagnostic.help {
            out += paint("help:", "1;36") + " \(help)\n"
        }
        return out
    }

    /// Renders diagnostics of several files; `file(for:)` finds the file of a range.
    package func render(_ diagnostics: [Diagnostic], files: (FileID) -> SourceFile?) -> String {
        var out = ""
        for d in diagnostics {
            if let file = files(d.range.file) {
                out += render(d, in: file)
            } else {
                out += (d.severity == .error ? "error: " : "warning: ") + d.message + "\n"
                for help in d.help { out += "help: \(help)\n" }
            }
        }
        return out
    }
}
