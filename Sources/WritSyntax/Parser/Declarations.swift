/// The file, top-level items and declarations: imports and exports (§21), functions (§8),
/// classes and structs (§10, §12), enums (§13), traits (§11).
extension Parser {
    mutating func parseSourceFile() -> SourceFileSyntax {
        var items: [TopLevelItem] = []
        while true {
            while eat(.semicolon) {}
            if at(.endOfFile) { break }
            if panicking {
                skipToStatementBoundary()
                panicking = false
                continue
            }
            if at(.rightBrace) {
                report(.expected("declaration or statement"), at: currentRange)
                advance()
                continue
            }
            let before = pos
            if let item = parseTopLevelItem() { items.append(item) }
            if pos == before {
                advance()
            } else {
                expectStatementEnd()
            }
        }
        let end = bytes.count
        return SourceFileSyntax(items: items, range: SourceRange(file: file, start: 0, end: end))
    }

    /// A top-level item: an import, a declaration, or a statement.
    mutating func parseTopLevelItem() -> TopLevelItem? {
        let start = pos
        var modifiers = Modifiers()
        if at(.kwPublic) || at(.kwPrivate) || at(.kwStatic) || at(.kwWeak) {
            reportAlways(.modifierNotAllowed(kind.fixedText ?? ""), at: currentRange)
            while at(.kwPublic) || at(.kwPrivate) || at(.kwStatic) || at(.kwWeak) { advance() }
        }
        if at(.kwExport) {
            modifiers.isExported = true
            modifiers.exportRange = currentRange
            advance()
        }
        switch kind {
        case .kwImport:
            if let r = modifiers.exportRange { reportAlways(.modifierNotAllowed("export"), at: r) }
            return .importDecl(parseImport())
        case .kwFunc:
            return .declaration(.function(parseFuncDecl(modifiers: modifiers, start: start, bodyOptional: false)))
        case .kwClass, .kwStruct:
            return .declaration(.type(parseTypeDecl(modifiers: modifiers, start: start)))
        case .kwEnum:
            return .declaration(.enumeration(parseEnumDecl(modifiers: modifiers, start: start)))
        case .kwTrait:
            return .declaration(.trait(parseTraitDecl(modifiers: modifiers, start: start)))
        case .kwLet, .kwVar, .kwConst:
            let d = parseVarDecl(modifiers: modifiers, start: start)
            return .statement(makeStmt(.varDecl(d), range(from: start)))
        default:
            if modifiers.isExported {
                expected("declaration after 'export'")
                return nil
            }
            return parseStatement().map { .statement($0) }
        }
    }

    // MARK: - Imports

    /// `import { a, b } from "path"` or `import * as ns from "path"`.
    mutating func parseImport() -> ImportDecl {
        let start = pos
        let id = newID()
        advance()
        var clause = ImportDecl.Clause.names([])
        if at(.leftBrace) {
            advance()
            let saved = newlinesSignificant
            newlinesSignificant = false
            let names: [Name] = parseList(closer: .rightBrace) { p in p.expectName("imported name") }
            newlinesSignificant = saved
            clause = .names(names)
        } else if eat(.star) {
            expect(.kwAs)
            clause = .namespace(expectName("namespace name"))
        } else {
            expected("'{' or '*' after 'import'")
        }
        var path = ""
        var pathRange = currentRange.startPoint
        if isIdentifier(current, "from") {
            advance()
            pathRange = currentRange
            if at(.string) {
                let t = current
                advance()
                path = StringDecoder.decode(bytes, segments: [.init(start: Int(t.start), end: Int(t.end))],
                                            triple: t.flags.contains(.triple), unterminated: t.flags.contains(.unterminated),
                                            hasEscapes: t.flags.contains(.hasEscapes))[0]
            } else if at(.stringStart) {
                let literalStart = pos
                _ = parseStringLiteral()
                pathRange = range(from: literalStart)
                reportAlways(.interpolationInImportPath, at: pathRange)
            } else {
                expected("module path string")
            }
        } else if !panicking {
            expected("'from'")
        }
        return ImportDecl(clause: clause, path: path, pathRange: pathRange, range: range(from: start), id: id)
    }

    // MARK: - Functions

    /// `func name<T>(params) -> Type where … { body }` (cursor at `func`; `start` is where the
    /// modifiers began). Without `bodyOptional` a missing body is an error.
    mutating func parseFuncDecl(modifiers: Modifiers, start: Int, bodyOptional: Bool) -> FuncDecl {
        advance()
        let id = newID()
        let name = expectName("function name")
        let typeParams = parseTypeParameters()
        let params = parseParameterList()
        let returnType: TypeExpr? = eat(.arrow) ? parseType() : nil
        let whereClauses = parseWhereClauses()
        var body: Block? = nil
        if at(.leftBrace) {
            body = parseBlock(owner: "func")
        } else if !bodyOptional {
            expected("'{'")
        }
        return FuncDecl(name: name, typeParams: typeParams, params: params, returnType: returnType,
                        whereClauses: whereClauses, body: body, modifiers: modifiers, range: range(from: start), id: id)
    }

    /// `( [...]name: Type, … )`, for functions and lambdas.
    mutating func parseParameterList() -> [Param] {
        guard at(.leftParen) else {
            expected("'('")
            return []
        }
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        return parseList(closer: .rightParen) { p in
            let start = p.pos
            let variadic = p.eat(.ellipsis)
            let name = p.expectName("parameter name")
            let type: TypeExpr
            if p.expect(.colon) {
                type = p.parseType()
            } else {
                type = TypeExpr(.named(Name("", p.currentRange.startPoint), args: []), p.currentRange.startPoint)
            }
            return Param(name: name, type: type, isVariadic: variadic, range: p.range(from: start))
        }
    }

    // MARK: - Classes, structs, enums, traits

    /// `class Name<T> extends P with A, B where … { members }`, or `struct …` (the parser
    /// accepts `extends`/`with` on a struct; the checker rejects them with its message).
    mutating func parseTypeDecl(modifiers: Modifiers, start: Int) -> TypeDecl {
        let declKind: TypeDecl.Kind = at(.kwClass) ? .classType : .structType
        advance()
        let id = newID()
        let name = expectName(declKind == .classType ? "class name" : "struct name")
        let typeParams = parseTypeParameters()
        let superclass: TypeExpr? = eat(.kwExtends) ? parseType() : nil
        var traits: [TypeExpr] = []
        if eat(.kwWith) {
            repeat { traits.append(parseType()) } while eat(.comma)
        }
        let whereClauses = parseWhereClauses()
        let members = parseMemberBody(context: .typeBody, owner: declKind == .classType ? "class" : "struct")
        return TypeDecl(kind: declKind, name: name, typeParams: typeParams, superclass: superclass, traits: traits,
                        whereClauses: whereClauses, members: members, modifiers: modifiers, range: range(from: start), id: id)
    }

    /// `enum Name { A, B(1, "x") … members }`.
    mutating func parseEnumDecl(modifiers: Modifiers, start: Int) -> EnumDecl {
        advance()
        let id = newID()
        let name = expectName("enum name")
        while at(.kwExtends) || at(.kwWith) {
            reportAlways(.enumCannotUse(kind.fixedText ?? ""), at: currentRange)
            advance()
            repeat { _ = parseType() } while eat(.comma)
        }
        var cases: [EnumCase] = []
        var members: [Member] = []
        if openMemberBody(owner: "enum") {
            let saved = newlinesSignificant
            newlinesSignificant = true
            while eat(.semicolon) {}
            if at(.identifier), peek(1) != .colon {
                while true {
                    cases.append(parseEnumCase())
                    guard eat(.comma) else { break }
                    // A trailing comma before the members is allowed.
                    if !at(.identifier) || peek(1) == .colon { break }
                }
                expectStatementEnd()
            } else if !at(.rightBrace) && !Parser.beginsMember(kind) {
                expected("enum case name", atToken: true)
            }
            members = parseMembers(context: .enumBody)
            newlinesSignificant = saved
            expect(.rightBrace)
        }
        return EnumDecl(name: name, cases: cases, members: members, modifiers: modifiers, range: range(from: start), id: id)
    }

    private mutating func parseEnumCase() -> EnumCase {
        let start = pos
        let name = makeName()
        var args: [Expr] = []
        if at(.leftParen), !atLineBreak {
            advance()
            let saved = newlinesSignificant
            newlinesSignificant = false
            args = parseList(closer: .rightParen) { p in p.parseExpression() }
            newlinesSignificant = saved
        }
        return EnumCase(name: name, args: args, range: range(from: start))
    }

    /// `trait Name { func required(…) -> T   func withDefault() { … } }`.
    mutating func parseTraitDecl(modifiers: Modifiers, start: Int) -> TraitDecl {
        advance()
        let id = newID()
        let name = expectName("trait name")
        let members = parseMemberBody(context: .traitBody, owner: "trait")
        let methods: [FuncDecl] = members.compactMap { member in
            if case .method(let f) = member { return f }
            return nil
        }
        return TraitDecl(name: name, methods: methods, modifiers: modifiers, range: range(from: start), id: id)
    }

    enum MemberContext {
        case typeBody, enumBody, traitBody
    }

    /// At the `{` of a type body: consumes it; false (after reporting) if it is missing.
    private mutating func openMemberBody(owner: String) -> Bool {
        guard at(.leftBrace) else {
            expected("'{'")
            return false
        }
        if current.newlineBefore { reportAlways(.blockBraceOnNextLine(owner: owner), at: currentRange) }
        advance()
        return true
    }

    private mutating func parseMemberBody(context: MemberContext, owner: String) -> [Member] {
        guard openMemberBody(owner: owner) else { return [] }
        let saved = newlinesSignificant
        newlinesSignificant = true
        let members = parseMembers(context: context)
        newlinesSignificant = saved
        expect(.rightBrace)
        return members
    }

    /// Members up to the closing `}` (not consumed).
    private mutating func parseMembers(context: MemberContext) -> [Member] {
        var members: [Member] = []
        while true {
            while eat(.semicolon) {}
            if at(.rightBrace) || at(.endOfFile) { break }
            if panicking {
                skipToStatementBoundary()
                panicking = false
                continue
            }
            let before = pos
            if let m = parseMember(context: context) { members.append(m) }
            if pos == before {
                advance()
            } else {
                expectStatementEnd()
            }
        }
        return members
    }

    static func beginsMember(_ k: TokenKind) -> Bool {
        switch k {
        case .kwPublic, .kwPrivate, .kwStatic, .kwWeak, .kwFunc, .identifier: true
        default: false
        }
    }

    /// `[public|private] [static] func …` or `[public|private] [weak] name: Type [= default]`
    /// with an optional setter on the next line (§10.1, §10.6).
    private mutating func parseMember(context: MemberContext) -> Member? {
        let start = pos
        var modifiers = Modifiers()
        var weakRange: SourceRange? = nil
        modifierLoop: while true {
            let r = currentRange
            switch kind {
            case .kwPublic, .kwPrivate:
                if modifiers.visibilityRange != nil { reportAlways(.duplicateModifier(kind.fixedText ?? ""), at: r) }
                modifiers.visibility = at(.kwPublic) ? .public : .private
                modifiers.visibilityRange = r
            case .kwStatic:
                if modifiers.isStatic { reportAlways(.duplicateModifier("static"), at: r) }
                modifiers.isStatic = true
                modifiers.staticRange = r
            case .kwWeak:
                if weakRange != nil { reportAlways(.duplicateModifier("weak"), at: r) }
                weakRange = r
            case .kwExport:
                reportAlways(.modifierNotAllowed("export"), at: r)
            default:
                break modifierLoop
            }
            advance()
        }
        if at(.kwFunc) {
            if let weakRange { reportAlways(.modifierNotAllowed("weak"), at: weakRange) }
            return .method(parseFuncDecl(modifiers: modifiers, start: start, bodyOptional: context == .traitBody))
        }
        guard at(.identifier), context != .traitBody else {
            expected(context == .traitBody ? "'func'" : "field or method declaration", atToken: true)
            return nil
        }
        if isIdentifier(current, "set"), peek(1) == .leftParen {
            expected("a field before the setter", atToken: true)
            _ = parseSetter()
            return nil
        }
        if let r = modifiers.staticRange { reportAlways(.modifierNotAllowed("static"), at: r) }
        let id = newID()
        let name = makeName()
        let type: TypeExpr
        if expect(.colon) {
            type = parseType()
        } else {
            type = TypeExpr(.named(Name("", currentRange.startPoint), args: []), currentRange.startPoint)
        }
        let defaultValue: Expr? = eat(.assign) ? parseExpression() : nil
        var setter: Setter? = nil
        if isIdentifier(current, "set"), peek(1) == .leftParen {
            setter = parseSetter()
        }
        return .field(FieldDecl(name: name, type: type, defaultValue: defaultValue, isWeak: weakRange != nil,
                                setter: setter, modifiers: modifiers, range: range(from: start), id: id))
    }

    /// `set(v) { … }` (cursor at `set`).
    private mutating func parseSetter() -> Setter {
        let start = pos
        advance()
        expect(.leftParen)
        let param = expectName("setter parameter name")
        expect(.rightParen)
        let body = parseBlock(owner: "set")
        return Setter(param: param, body: body, range: range(from: start))
    }
}
