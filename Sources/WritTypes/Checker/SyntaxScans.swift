import WritSyntax

/// Syntactic questions answered before a body is checked: is a function a coroutine,
/// which names do closures use, which names does a region assign.
///
/// These walks recurse on the syntax tree, whose height the parser bounds
/// (`WritSyntax.Limits.maxNestingDepth`).
extension Checker {
    /// Does the body contain `yield` outside nested lambdas and functions (§22.1)?
    func containsYield(_ block: Block?) -> Bool {
        guard let block else { return false }
        let key = block.range
        if let known = coroutineBodies[key] { return known }
        var scan = SyntaxScan(mode: .yield)
        scan.statements(block.statements)
        coroutineBodies[key] = scan.found
        return scan.found
    }

    /// Names used (read or written) inside lambdas and nested functions of a body. A `var`
    /// with such a name is never narrowed (§15.3: captured variables).
    func namesUsedInClosures(_ stmts: [Stmt]) -> Set<String> {
        var scan = SyntaxScan(mode: .closureNames)
        scan.statements(stmts)
        return scan.names
    }

    func namesUsedInClosures(expr: Expr) -> Set<String> {
        var scan = SyntaxScan(mode: .closureNames)
        scan.expr(expr)
        return scan.names
    }

    /// The names used in closures of a context's body (computed once).
    func closureNames(of c: FunctionContext) -> Set<String> {
        if let names = c.namesUsedInClosures { return names }
        let names: Set<String> = switch c.closureScanSource {
        case .none: []
        case .statements(let s): namesUsedInClosures(s)
        case .expr(let e): namesUsedInClosures(expr: e)
        }
        c.namesUsedInClosures = names
        c.closureScanSource = .none
        return names
    }

    /// Does a region assign the variable `name` (as the root of an assignment target)?
    func statementsAssign(_ name: String, _ stmts: some Collection<Stmt>) -> Bool {
        var scan = SyntaxScan(mode: .assigns(name))
        scan.statements(stmts)
        return scan.found
    }
}

struct SyntaxScan {
    enum Mode {
        case yield
        case closureNames
        case assigns(String)
    }
    var mode: Mode
    var found = false
    var names: Set<String> = []
    var closureDepth = 0

    mutating func statements(_ ss: some Collection<Stmt>) {
        for s in ss { stmt(s) }
    }

    mutating func block(_ b: Block) { statements(b.statements) }

    mutating func stmt(_ s: Stmt) {
        switch s.kind {
        case .varDecl(let v): expr(v.initializer)
        case .funcDecl(let f):
            if case .yield = mode { return }
            if let b = f.body {
                closureDepth += 1
                block(b)
                closureDepth -= 1
            }
        case .assign(let target, _, let value, _):
            if case .assigns(let n) = mode, rootName(target) == n { found = true }
            if case .closureNames = mode, closureDepth > 0, let n = rootName(target) { names.insert(n) }
            expr(target)
            expr(value)
        case .expr(let e): expr(e)
        case .ifStmt(let i): ifStmt(i)
        case .whileStmt(let c, let b):
            expr(c)
            block(b)
        case .forStmt(_, let it, let b):
            expr(it)
            block(b)
        case .when(let w): when(w)
        case .returnStmt(let e): if let e { expr(e) }
        case .breakStmt, .continueStmt: break
        case .start(let e): expr(e)
        case .block(let b): block(b)
        }
    }

    mutating func ifStmt(_ i: IfStmt) {
        expr(i.condition)
        block(i.thenBlock)
        switch i.elseBranch {
        case .elseIf(let e): ifStmt(e)
        case .block(let b): block(b)
        case nil: break
        }
    }

    mutating func when(_ w: WhenExpr) {
        if let s = w.subject { expr(s) }
        for arm in w.arms {
            switch arm.pattern {
            case .elseArm: break
            case .items(let items):
                for item in items {
                    switch item {
                    case .value(let e): expr(e)
                    case .range(let lo, let hi, _, _):
                        expr(lo)
                        expr(hi)
                    }
                }
            case .isType: break
            case .guarded(_, let c): expr(c)
            }
            switch arm.body {
            case .block(let b): block(b)
            case .statement(let s): stmt(s)
            case .expr(let e): expr(e)
            }
        }
    }

    func rootName(_ e: Expr) -> String? {
        switch e.kind {
        case .name(let n): n.text
        case .member(let b, _), .index(let b, _): rootName(b)
        default: nil
        }
    }

    mutating func expr(_ e: Expr) {
        if found { return }
        switch e.kind {
        case .intLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .nullLiteral, .selfExpr, .superMember, .namespaced, .error:
            break
        case .name(let n):
            if case .closureNames = mode, closureDepth > 0 { names.insert(n.text) }
        case .interpolatedString(let parts):
            for p in parts { if case .interpolation(let x) = p { expr(x) } }
        case .tuple(let es): for x in es { expr(x) }
        case .array(let els):
            for el in els {
                switch el {
                case .element(let x), .spread(let x, _): expr(x)
                }
            }
        case .dictionary(let els):
            for el in els {
                switch el {
                case .pair(let k, let v):
                    expr(k)
                    expr(v)
                case .spread(let x, _): expr(x)
                }
            }
        case .lambda(let l):
            if case .yield = mode { return }
            closureDepth += 1
            switch l.body {
            case .expr(let x): expr(x)
            case .block(let b): block(b)
            }
            closureDepth -= 1
        case .unary(_, let x, _), .cast(let x, _), .isTest(let x, _), .member(let x, _), .optionalMember(let x, _),
             .propagate(let x):
            expr(x)
        case .binary(_, let a, let b, _), .index(let a, let b):
            expr(a)
            expr(b)
        case .ternary(let a, let b, let c):
            expr(a)
            expr(b)
            expr(c)
        case .call(let callee, _, let args):
            expr(callee)
            for a in args { expr(a.value) }
        case .when(let w): when(w)
        case .yield(let x):
            if case .yield = mode { found = true }
            if let x { expr(x) }
        }
    }
}
