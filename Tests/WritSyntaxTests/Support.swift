import Foundation
@testable import WritSyntax

/// Test helpers: parse text, list diagnostics as `LINE:COL: message`, and print expressions as
/// compact S-expressions so that precedence and shape can be asserted in one line.
enum Support {
    static func parse(_ text: String) -> Parser.Result {
        Parser.parse(SourceFile(path: "test.writ", text: text))
    }

    static func parse(bytes: [UInt8]) -> Parser.Result {
        Parser.parse(SourceFile(path: "test.writ", bytes: bytes))
    }

    /// Every diagnostic as `LINE:COL: message`.
    static func errors(_ text: String) -> [String] {
        let file = SourceFile(path: "test.writ", text: text)
        return Parser.parse(file).diagnostics.map { d in
            let (l, c) = file.lineAndColumn(of: Int(d.range.start))
            return "\(l):\(c): \(d.message)"
        }
    }

    static func tokens(_ text: String) -> [Token] {
        Lexer.tokenize(SourceFile(path: "test.writ", text: text)).tokens
    }

    static func kinds(_ text: String) -> [TokenKind] {
        tokens(text).map(\.kind).filter { $0 != .endOfFile }
    }

    static func lexErrors(_ text: String) -> [String] {
        let file = SourceFile(path: "test.writ", text: text)
        return Lexer.tokenize(file).diagnostics.map { d in
            let (l, c) = file.lineAndColumn(of: Int(d.range.start))
            return "\(l):\(c): \(d.message)"
        }
    }

    /// The statements of a clean parse (records an issue when there are diagnostics).
    static func statements(_ text: String) -> [Stmt] {
        parse(text).syntax.items.compactMap { item in
            if case .statement(let s) = item { return s }
            return nil
        }
    }

    /// The one expression of `text` parsed as an expression statement, as an S-expression;
    /// diagnostics are appended as `!message`.
    static func sexpr(_ text: String) -> String {
        let result = parse(text)
        var out: [String] = []
        for item in result.syntax.items {
            if case .statement(let s) = item { out.append(sexpr(s)) }
        }
        for d in result.diagnostics { out.append("!" + d.message) }
        return out.joined(separator: " ")
    }

    static func sexpr(_ s: Stmt) -> String {
        switch s.kind {
        case .expr(let e): return sexpr(e)
        case .assign(let t, let op, let v, _): return "(\(op.binaryOp.map { $0.spelling } ?? "")= \(sexpr(t)) \(sexpr(v)))"
        case .varDecl(let d): return "(let \(d.pattern.text) \(sexpr(d.initializer)))"
        case .returnStmt(let e): return e.map { "(return \(sexpr($0)))" } ?? "(return)"
        case .breakStmt: return "(break)"
        case .continueStmt: return "(continue)"
        case .start(let e): return "(start \(sexpr(e)))"
        case .block(let b): return "{" + b.statements.map(sexpr).joined(separator: "; ") + "}"
        case .ifStmt: return "(if)"
        case .whileStmt: return "(while)"
        case .forStmt: return "(for)"
        case .when(let w): return sexpr(w)
        case .funcDecl(let f): return "(func \(f.name.text))"
        }
    }

    static func sexpr(_ w: WhenExpr) -> String {
        var parts = ["when" + (w.isStatement ? "-stmt" : "")]
        if let s = w.subject { parts.append(sexpr(s)) }
        for arm in w.arms {
            let pattern: String
            switch arm.pattern {
            case .elseArm: pattern = "else"
            case .items(let items):
                pattern = items.map { item in
                    switch item {
                    case .value(let e): return sexpr(e)
                    case .range(let lo, let hi, let inclusive, _): return "[\(sexpr(lo))\(inclusive ? "..=" : "..")\(sexpr(hi))]"
                    }
                }.joined(separator: ",")
            case .isType(let p): pattern = "is:" + TypeSyntax.text(p.type) + (p.binding.map { "(\($0.text))" } ?? "")
            case .guarded(let n, let c): pattern = "\(n.text)-if:\(sexpr(c))"
            }
            let body: String
            switch arm.body {
            case .block(let b): body = "{" + b.statements.map(sexpr).joined(separator: "; ") + "}"
            case .statement(let s): body = sexpr(s)
            case .expr(let e): body = sexpr(e)
            }
            parts.append("\(pattern)=>\(body)")
        }
        return "(" + parts.joined(separator: " ") + ")"
    }

    static func sexpr(_ e: Expr) -> String {
        switch e.kind {
        case .intLiteral(let v): return "\(v)"
        case .floatLiteral(let v): return "\(v)"
        case .boolLiteral(let v): return "\(v)"
        case .stringLiteral(let s): return "\"\(s)\""
        case .interpolatedString(let parts):
            return "(str " + parts.map { p in
                switch p {
                case .text(let t): return "\"\(t)\""
                case .interpolation(let x): return sexpr(x)
                }
            }.joined(separator: " ") + ")"
        case .nullLiteral: return "null"
        case .name(let n): return n.text
        case .selfExpr: return "self"
        case .superMember(let n): return "super.\(n.text)"
        case .namespaced(let ns, let n): return "\(ns.text)::\(n.text)"
        case .tuple(let xs): return "(tuple " + xs.map(sexpr).joined(separator: " ") + ")"
        case .array(let xs):
            return "[" + xs.map { x in
                switch x {
                case .element(let v): return sexpr(v)
                case .spread(let v, _): return "..." + sexpr(v)
                }
            }.joined(separator: " ") + "]"
        case .dictionary(let xs):
            return "{" + xs.map { x in
                switch x {
                case .pair(let k, let v): return sexpr(k) + ":" + sexpr(v)
                case .spread(let v, _): return "..." + sexpr(v)
                }
            }.joined(separator: " ") + "}"
        case .lambda(let l):
            let params = l.params.map { ($0.isVariadic ? "..." : "") + $0.name.text + ":" + TypeSyntax.text($0.type) }
            let body: String
            switch l.body {
            case .expr(let x): body = sexpr(x)
            case .block(let b): body = "{" + b.statements.map(sexpr).joined(separator: "; ") + "}"
            }
            return "(lambda (\(params.joined(separator: " "))) \(body))"
        case .unary(let op, let x, _): return "(\(op == .negate ? "-" : "!") \(sexpr(x)))"
        case .binary(let op, let a, let b, _): return "(\(op.spelling) \(sexpr(a)) \(sexpr(b)))"
        case .ternary(let c, let a, let b): return "(? \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
        case .cast(let x, let t): return "(as \(sexpr(x)) \(TypeSyntax.text(t)))"
        case .isTest(let x, let p):
            return "(is \(sexpr(x)) \(TypeSyntax.text(p.type))\(p.binding.map { "(\($0.text))" } ?? ""))"
        case .call(let callee, let typeArgs, let args):
            let generic = typeArgs.isEmpty ? "" : "<" + typeArgs.map(TypeSyntax.text).joined(separator: ",") + ">"
            let arguments = args.map { a in (a.isSpread ? "..." : "") + (a.label.map { $0.text + ":" } ?? "") + sexpr(a.value) }
            return "(call\(generic) \(sexpr(callee))" + arguments.map { " " + $0 }.joined() + ")"
        case .member(let x, let n): return "(. \(sexpr(x)) \(n.text))"
        case .optionalMember(let x, let n): return "(?. \(sexpr(x)) \(n.text))"
        case .index(let x, let i): return "(index \(sexpr(x)) \(sexpr(i)))"
        case .propagate(let x): return "(try \(sexpr(x)))"
        case .when(let w): return sexpr(w)
        case .yield(let x): return x.map { "(yield \(sexpr($0)))" } ?? "(yield)"
        case .error: return "<error>"
        }
    }

    /// Runs `body` on a thread with a 512 KB stack, the size test runners and host threads
    /// often give, to prove that deep input cannot overflow the stack.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    /// The package root, found from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension BindingPattern {
    var text: String {
        switch self {
        case .name(let n): n.text
        case .tuple(let names, _): "(" + names.map { $0?.text ?? "_" }.joined(separator: ",") + ")"
        }
    }
}
