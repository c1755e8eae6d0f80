/// Prints a syntax tree as an indented outline, one node per line with the line:column
/// where it starts (`writ parse --dump`). Types are printed as source text.
///
///     func add @1:1
///       param a: int
///       returns int
///       block @1:28
///         return @2:5
///           binary + @2:12
///             name a @2:12
///             name b @2:16
package struct ASTDumper {
    private let file: SourceFile
    private var out = ""

    private init(file: SourceFile) { self.file = file }

    package static func dump(_ syntax: SourceFileSyntax, file: SourceFile) -> String {
        var d = ASTDumper(file: file)
        d.line(0, "file", syntax.range)
        for item in syntax.items {
            switch item {
            case .importDecl(let i): d.importDecl(i, 1)
            case .declaration(let decl): d.declaration(decl, 1)
            case .statement(let s): d.stmt(s, 1)
            }
        }
        return d.out
    }

    private mutating func line(_ depth: Int, _ text: String, _ range: SourceRange? = nil) {
        out += String(repeating: "  ", count: depth) + text
        if let range, range.file == file.id {
            let (l, c) = file.lineAndColumn(of: Int(range.start))
            out += " @\(l):\(c)"
        }
        out += "\n"
    }

    private func quote(_ s: String) -> String {
        var r = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            case "\r": r += "\\r"
            case "$": r += "\\$"
            default:
                if ch.value < 0x20 || ch.value == 0x7F {
                    r += "\\u{\(String(ch.value, radix: 16, uppercase: true))}"
                } else {
                    r.unicodeScalars.append(ch)
                }
            }
        }
        return r + "\""
    }

    private func modifiers(_ m: Modifiers) -> String {
        var parts: [String] = []
        if m.isExported { parts.append("export") }
        switch m.visibility {
        case .public: parts.append("public")
        case .private: parts.append("private")
        case .unspecified: break
        }
        if m.isStatic { parts.append("static") }
        return parts.isEmpty ? "" : parts.joined(separator: " ") + " "
    }

    // MARK: - Declarations

    private mutating func importDecl(_ i: ImportDecl, _ depth: Int) {
        switch i.clause {
        case .names(let names):
            line(depth, "import {\(names.map(\.text).joined(separator: ", "))} from \(quote(i.path))", i.range)
        case .namespace(let ns):
            line(depth, "import * as \(ns.text) from \(quote(i.path))", i.range)
        }
    }

    private mutating func declaration(_ d: Declaration, _ depth: Int) {
        switch d {
        case .function(let f): function(f, depth)
        case .type(let t):
            var header = modifiers(t.modifiers) + (t.kind == .classType ? "class " : "struct ") + t.name.text
            if !t.typeParams.isEmpty { header += "<\(t.typeParams.map(\.text).joined(separator: ", "))>" }
            if let s = t.superclass { header += " extends \(TypeSyntax.text(s))" }
            if !t.traits.isEmpty { header += " with \(t.traits.map(TypeSyntax.text).joined(separator: ", "))" }
            line(depth, header, t.range)
            whereClauses(t.whereClauses, depth + 1)
            for m in t.members { member(m, depth + 1) }
        case .enumeration(let e):
            line(depth, modifiers(e.modifiers) + "enum " + e.name.text, e.range)
            for c in e.cases {
                line(depth + 1, "case \(c.name.text)", c.range)
                for a in c.args { expr(a, depth + 2) }
            }
            for m in e.members { member(m, depth + 1) }
        case .trait(let t):
            line(depth, modifiers(t.modifiers) + "trait " + t.name.text, t.range)
            for m in t.methods { function(m, depth + 1) }
        }
    }

    private mutating func whereClauses(_ clauses: [WhereClause], _ depth: Int) {
        for w in clauses { line(depth, "where \(w.typeParam.text) : \(TypeSyntax.text(w.constraint))", w.range) }
    }

    private mutating func function(_ f: FuncDecl, _ depth: Int) {
        var header = modifiers(f.modifiers) + "func " + f.name.text
        if !f.typeParams.isEmpty { header += "<\(f.typeParams.map(\.text).joined(separator: ", "))>" }
        line(depth, header, f.range)
        params(f.params, depth + 1)
        if let r = f.returnType { line(depth + 1, "returns \(TypeSyntax.text(r))") }
        whereClauses(f.whereClauses, depth + 1)
        if let b = f.body { block(b, depth + 1) } else { line(depth + 1, "no body") }
    }

    private mutating func params(_ ps: [Param], _ depth: Int) {
        for p in ps { line(depth, "param \(p.isVariadic ? "..." : "")\(p.name.text): \(TypeSyntax.text(p.type))") }
    }

    private mutating func member(_ m: Member, _ depth: Int) {
        switch m {
        case .method(let f): function(f, depth)
        case .field(let f):
            line(depth, modifiers(f.modifiers) + (f.isWeak ? "weak " : "") + "field \(f.name.text): \(TypeSyntax.text(f.type))", f.range)
            if let d = f.defaultValue {
                line(depth + 1, "default")
                expr(d, depth + 2)
            }
            if let s = f.setter {
                line(depth + 1, "set(\(s.param.text))", s.range)
                block(s.body, depth + 2)
            }
        }
    }

    // MARK: - Statements

    private mutating func block(_ b: Block, _ depth: Int) {
        line(depth, "block", b.range)
        for s in b.statements { stmt(s, depth + 1) }
    }

    private func pattern(_ p: BindingPattern) -> String {
        switch p {
        case .name(let n): n.text
        case .tuple(let names, _): "(" + names.map { $0?.text ?? "_" }.joined(separator: ", ") + ")"
        }
    }

    private mutating func stmt(_ s: Stmt, _ depth: Int) {
        switch s.kind {
        case .varDecl(let d):
            let keyword = switch d.kind {
            case .letBinding: "let"
            case .varBinding: "var"
            case .constBinding: "const"
            }
            var header = modifiers(d.modifiers) + keyword + " " + pattern(d.pattern)
            if let t = d.type { header += ": " + TypeSyntax.text(t) }
            line(depth, header, s.range)
            expr(d.initializer, depth + 1)
        case .funcDecl(let f): function(f, depth)
        case .assign(let target, let op, let value, _):
            let spelling = op.binaryOp.map { $0.spelling + "=" } ?? "="
            line(depth, "assign \(spelling)", s.range)
            expr(target, depth + 1)
            expr(value, depth + 1)
        case .expr(let e):
            line(depth, "expr", s.range)
            expr(e, depth + 1)
        case .ifStmt(let i): ifStmt(i, depth)
        case .whileStmt(let c, let b):
            line(depth, "while", s.range)
            expr(c, depth + 1)
            block(b, depth + 1)
        case .forStmt(let p, let iterable, let b):
            line(depth, "for \(pattern(p)) in", s.range)
            expr(iterable, depth + 1)
            block(b, depth + 1)
        case .when(let w): when(w, depth)
        case .returnStmt(let e):
            line(depth, "return", s.range)
            if let e { expr(e, depth + 1) }
        case .breakStmt: line(depth, "break", s.range)
        case .continueStmt: line(depth, "continue", s.range)
        case .start(let e):
            line(depth, "start", s.range)
            expr(e, depth + 1)
        case .block(let b): block(b, depth)
        }
    }

    private mutating func ifStmt(_ i: IfStmt, _ depth: Int) {
        line(depth, "if", i.range)
        expr(i.condition, depth + 1)
        block(i.thenBlock, depth + 1)
        switch i.elseBranch {
        case .elseIf(let next):
            line(depth + 1, "else")
            ifStmt(next, depth + 2)
        case .block(let b):
            line(depth + 1, "else")
            block(b, depth + 2)
        case nil: break
        }
    }

    private mutating func when(_ w: WhenExpr, _ depth: Int) {
        line(depth, w.isStatement ? "when statement" : "when expression", w.range)
        if let s = w.subject {
            line(depth + 1, "subject")
            expr(s, depth + 2)
        }
        for arm in w.arms {
            line(depth + 1, "arm", arm.range)
            switch arm.pattern {
            case .elseArm: line(depth + 2, "else")
            case .items(let items):
                for item in items {
                    switch item {
                    case .value(let e):
                        line(depth + 2, "value")
                        expr(e, depth + 3)
                    case .range(let low, let high, let inclusive, let r):
                        line(depth + 2, inclusive ? "range ..=" : "range ..", r)
                        expr(low, depth + 3)
                        expr(high, depth + 3)
                    }
                }
            case .isType(let p): line(depth + 2, "is " + isPattern(p))
            case .guarded(let name, let condition):
                line(depth + 2, "\(name.text) if")
                expr(condition, depth + 3)
            }
            switch arm.body {
            case .block(let b): block(b, depth + 2)
            case .statement(let s): stmt(s, depth + 2)
            case .expr(let e): expr(e, depth + 2)
            }
        }
    }

    private func isPattern(_ p: IsPattern) -> String {
        TypeSyntax.text(p.type) + (p.binding.map { "(\($0.text))" } ?? "")
    }

    // MARK: - Expressions

    private mutating func expr(_ e: Expr, _ depth: Int) {
        switch e.kind {
        case .intLiteral(let v): line(depth, "int \(v)", e.range)
        case .floatLiteral(let v): line(depth, "float \(v)", e.range)
        case .boolLiteral(let v): line(depth, "bool \(v)", e.range)
        case .stringLiteral(let s): line(depth, "string \(quote(s))", e.range)
        case .interpolatedString(let parts):
            line(depth, "interpolated string", e.range)
            for p in parts {
                switch p {
                case .text(let t): line(depth + 1, "text \(quote(t))")
                case .interpolation(let x): expr(x, depth + 1)
                }
            }
        case .nullLiteral: line(depth, "null", e.range)
        case .name(let n): line(depth, "name \(n.text)", e.range)
        case .selfExpr: line(depth, "self", e.range)
        case .superMember(let n): line(depth, "super.\(n.text)", e.range)
        case .namespaced(let ns, let n): line(depth, "namespaced \(ns.text)::\(n.text)", e.range)
        case .tuple(let elements):
            line(depth, "tuple", e.range)
            for x in elements { expr(x, depth + 1) }
        case .array(let elements):
            line(depth, "array", e.range)
            for x in elements {
                switch x {
                case .element(let v): expr(v, depth + 1)
                case .spread(let v, let r):
                    line(depth + 1, "spread", r)
                    expr(v, depth + 2)
                }
            }
        case .dictionary(let elements):
            line(depth, "dictionary", e.range)
            for x in elements {
                switch x {
                case .pair(let k, let v):
                    line(depth + 1, "entry")
                    expr(k, depth + 2)
                    expr(v, depth + 2)
                case .spread(let v, let r):
                    line(depth + 1, "spread", r)
                    expr(v, depth + 2)
                }
            }
        case .lambda(let l):
            line(depth, "lambda", e.range)
            params(l.params, depth + 1)
            switch l.body {
            case .expr(let x): expr(x, depth + 1)
            case .block(let b): block(b, depth + 1)
            }
        case .unary(let op, let x, _):
            line(depth, "unary \(op == .negate ? "-" : "!")", e.range)
            expr(x, depth + 1)
        case .binary(let op, let a, let b, _):
            line(depth, "binary \(op.spelling)", e.range)
            expr(a, depth + 1)
            expr(b, depth + 1)
        case .ternary(let c, let a, let b):
            line(depth, "ternary", e.range)
            expr(c, depth + 1)
            expr(a, depth + 1)
            expr(b, depth + 1)
        case .cast(let x, let t):
            line(depth, "as \(TypeSyntax.text(t))", e.range)
            expr(x, depth + 1)
        case .isTest(let x, let p):
            line(depth, "is \(isPattern(p))", e.range)
            expr(x, depth + 1)
        case .call(let callee, let typeArgs, let args):
            let generic = typeArgs.isEmpty ? "" : " <\(typeArgs.map(TypeSyntax.text).joined(separator: ", "))>"
            line(depth, "call\(generic)", e.range)
            expr(callee, depth + 1)
            for a in args {
                if a.isSpread {
                    line(depth + 1, "spread argument", a.range)
                    expr(a.value, depth + 2)
                } else if let label = a.label {
                    line(depth + 1, "argument \(label.text):", a.range)
                    expr(a.value, depth + 2)
                } else {
                    expr(a.value, depth + 1)
                }
            }
        case .member(let x, let n):
            line(depth, "member .\(n.text)", e.range)
            expr(x, depth + 1)
        case .optionalMember(let x, let n):
            line(depth, "optional member ?.\(n.text)", e.range)
            expr(x, depth + 1)
        case .index(let x, let i):
            line(depth, "index", e.range)
            expr(x, depth + 1)
            expr(i, depth + 1)
        case .propagate(let x):
            line(depth, "propagate ?", e.range)
            expr(x, depth + 1)
        case .when(let w): when(w, depth)
        case .yield(let x):
            line(depth, "yield", e.range)
            if let x { expr(x, depth + 1) }
        case .error: line(depth, "error", e.range)
        }
    }
}

/// Types as source text, for dumps and messages: `Array<int>`, `(int) -> bool`.
package enum TypeSyntax {
    package static func text(_ t: TypeExpr) -> String {
        func args(_ a: [TypeExpr]) -> String { a.isEmpty ? "" : "<" + a.map(text).joined(separator: ", ") + ">" }
        switch t.kind {
        case .named(let n, let a): return n.text + args(a)
        case .qualified(let ns, let n, let a): return ns.text + "::" + n.text + args(a)
        case .tuple(let elements): return "(" + elements.map(text).joined(separator: ", ") + ")"
        case .function(let params, let result):
            return "(" + params.map(text).joined(separator: ", ") + ") -> " + text(result)
        }
    }
}
