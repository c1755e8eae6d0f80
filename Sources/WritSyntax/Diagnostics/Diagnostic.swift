/// A problem found before the program runs: lexical, syntax, type or module error.
///
/// Diagnostics are data. The message text follows the catalogue of language.md §26.2
/// exactly; `help` lines are optional hints (the "did you mean" hint of §26.1 is one).
/// Rendering to text (`FILE:LINE:COL: error: …`, source line, caret line, help lines)
/// happens in one place, `DiagnosticRenderer`.
package struct Diagnostic: Sendable, Hashable {
    package enum Severity: Sendable, Hashable {
        case error
        case warning
    }

    package var severity: Severity
    /// The message, e.g. `undefined variable 'helth'`.
    package var message: String
    /// Where: the offending token or expression.
    package var range: SourceRange
    /// Extra lines printed after the snippet as `help: …`.
    package var help: [String]

    package init(_ severity: Severity = .error, _ message: String, at range: SourceRange, help: [String] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help
    }

    package static func error(_ message: String, at range: SourceRange, help: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: range, help: help)
    }
}

/// Collects diagnostics in the order they are found.
package struct DiagnosticBag: Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    package mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    package mutating func error(_ message: String, at range: SourceRange, help: [String] = []) {
        diagnostics.append(.error(message, at: range, help: help))
    }

    package mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }
}
