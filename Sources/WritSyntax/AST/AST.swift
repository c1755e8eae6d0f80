/// The syntax tree of one Writ source file, exactly as written (language.md §29).
///
/// Conventions:
/// - Every node carries a `SourceRange`; diagnostics point at it.
/// - The tree is made of value types (structs and `indirect` enums). It says nothing
///   about meaning: whether `a .. b` is a range or a concatenation, whether `f(x)` calls a
///   function, a closure or a constructor, and whether a name exists are the type
///   checker's questions (`WritTypes`), which builds a separate typed tree from this one.
/// - The parser accepts some forms that the language then rejects (a binding pattern
///   `x is Dog(d)` outside an `if` condition, `extends` on a struct) so that the checker
///   can report them with the catalogue's message instead of a generic syntax error.
/// - Parentheses used for grouping leave no node: `(x)` parses as `x`.
/// - Expressions and declarations carry a `NodeID`, unique within one parse, so later
///   stages can keep side tables keyed by node.

/// Identity of one AST node within a parsed file (unique per `Parser` run).
package struct NodeID: Hashable, Sendable, Comparable {
    package var rawValue: UInt32
    package init(_ rawValue: UInt32) { self.rawValue = rawValue }
    package static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }
}

/// An identifier as written, with its range.
package struct Name: Hashable, Sendable {
    package var text: String
    package var range: SourceRange
    package init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

// MARK: - Files and top-level items

/// One parsed file: its items in source order.
package struct SourceFileSyntax: Sendable {
    package var items: [TopLevelItem]
    package var range: SourceRange
    package init(items: [TopLevelItem], range: SourceRange) {
        self.items = items
        self.range = range
    }
}

package enum TopLevelItem: Sendable {
    /// `import { a, b } from "path"` or `import * as ns from "path"`.
    case importDecl(ImportDecl)
    /// A function or type declaration (hoisted, §3.2). Top-level `let`/`var`/`const`
    /// are statements (they run in order) and come as `.statement(.varDecl)`.
    case declaration(Declaration)
    case statement(Stmt)
}

package struct ImportDecl: Sendable {
    package enum Clause: Sendable {
        /// `import { a, b } from …`
        case names([Name])
        /// `import * as ns from …`
        case namespace(Name)
    }
    package var clause: Clause
    /// The path string's value (escapes processed), e.g. `items/weapon`.
    package var path: String
    package var pathRange: SourceRange
    package var range: SourceRange
    package var id: NodeID
    package init(clause: Clause, path: String, pathRange: SourceRange, range: SourceRange, id: NodeID) {
        self.clause = clause
        self.path = path
        self.pathRange = pathRange
        self.range = range
        self.id = id
    }
}

package enum Declaration: Sendable {
    case function(FuncDecl)
    /// A class or a struct (they share their grammar, §12.1).
    case type(TypeDecl)
    case enumeration(EnumDecl)
    case trait(TraitDecl)

    package var range: SourceRange {
        switch self {
        case .function(let d): d.range
        case .type(let d): d.range
        case .enumeration(let d): d.range
        case .trait(let d): d.range
        }
    }
}

// MARK: - Declarations

package enum Visibility: Sendable, Hashable {
    /// No modifier written: private for class and struct members, public for enum members.
    case unspecified
    case `public`
    case `private`
}

/// Modifiers written before a member or a top-level declaration.
package struct Modifiers: Sendable, Hashable {
    package var visibility: Visibility = .unspecified
    package var visibilityRange: SourceRange?
    package var isStatic = false
    package var staticRange: SourceRange?
    /// `export` on a top-level declaration (§21.1).
    package var isExported = false
    package var exportRange: SourceRange?
    package init() {}
}

/// `func name<T, U>(params) -> Type where T : Trait { body }`.
/// Trait methods may have no body (required methods, §11.1).
package struct FuncDecl: Sendable {
    package var name: Name
    package var typeParams: [Name]
    package var params: [Param]
    /// `nil` when no `->` is written: the function returns `void`.
    package var returnType: TypeExpr?
    package var whereClauses: [WhereClause]
    package var body: Block?
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(name: Name, typeParams: [Name], params: [Param], returnType: TypeExpr?, whereClauses: [WhereClause],
                 body: Block?, modifiers: Modifiers, range: SourceRange, id: NodeID) {
        self.name = name
        self.typeParams = typeParams
        self.params = params
        self.returnType = returnType
        self.whereClauses = whereClauses
        self.body = body
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

/// `name: Type` or, for the last parameter, `...name: Type` (variadic, §8.4).
package struct Param: Sendable {
    package var name: Name
    package var type: TypeExpr
    package var isVariadic: Bool
    package var range: SourceRange
    package init(name: Name, type: TypeExpr, isVariadic: Bool, range: SourceRange) {
        self.name = name
        self.type = type
        self.isVariadic = isVariadic
        self.range = range
    }
}

/// `where T : Trait` (one clause; several are separated by commas).
package struct WhereClause: Sendable {
    package var typeParam: Name
    package var constraint: TypeExpr
    package var range: SourceRange
    package init(typeParam: Name, constraint: TypeExpr, range: SourceRange) {
        self.typeParam = typeParam
        self.constraint = constraint
        self.range = range
    }
}

/// A class or struct declaration.
package struct TypeDecl: Sendable {
    package enum Kind: Sendable, Hashable { case classType, structType }
    package var kind: Kind
    package var name: Name
    package var typeParams: [Name]
    /// `extends Parent` (classes only; on a struct the checker reports
    /// `structs cannot use 'extends'`).
    package var superclass: TypeExpr?
    /// `with T1, T2` (classes only; on a struct: `structs cannot use 'with'`).
    package var traits: [TypeExpr]
    package var whereClauses: [WhereClause]
    package var members: [Member]
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(kind: Kind, name: Name, typeParams: [Name], superclass: TypeExpr?, traits: [TypeExpr],
                 whereClauses: [WhereClause], members: [Member], modifiers: Modifiers, range: SourceRange, id: NodeID) {
        self.kind = kind
        self.name = name
        self.typeParams = typeParams
        self.superclass = superclass
        self.traits = traits
        self.whereClauses = whereClauses
        self.members = members
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

package enum Member: Sendable {
    case field(FieldDecl)
    case method(FuncDecl)
}

/// `[public|private] [weak] name: Type [= default]`, optionally followed on the next
/// line by `set(param) { … }` (§10.6).
package struct FieldDecl: Sendable {
    package var name: Name
    package var type: TypeExpr
    package var defaultValue: Expr?
    package var isWeak: Bool
    package var setter: Setter?
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(name: Name, type: TypeExpr, defaultValue: Expr?, isWeak: Bool, setter: Setter?, modifiers: Modifiers,
                 range: SourceRange, id: NodeID) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isWeak = isWeak
        self.setter = setter
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

/// `set(v) { field = … }`
package struct Setter: Sendable {
    package var param: Name
    package var body: Block
    package var range: SourceRange
    package init(param: Name, body: Block, range: SourceRange) {
        self.param = param
        self.body = body
        self.range = range
    }
}

/// `enum Name { Case1, Case2(args) … members }` (§13).
package struct EnumDecl: Sendable {
    package var name: Name
    package var cases: [EnumCase]
    package var members: [Member]
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(name: Name, cases: [EnumCase], members: [Member], modifiers: Modifiers, range: SourceRange, id: NodeID) {
        self.name = name
        self.cases = cases
        self.members = members
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

/// One enum case with its field values (constant expressions, §13.2).
package struct EnumCase: Sendable {
    package var name: Name
    package var args: [Expr]
    package var range: SourceRange
    package init(name: Name, args: [Expr], range: SourceRange) {
        self.name = name
        self.args = args
        self.range = range
    }
}

/// `trait Name { func required(…) -> T   func withDefault() { … } }` (§11).
package struct TraitDecl: Sendable {
    package var name: Name
    package var methods: [FuncDecl]
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(name: Name, methods: [FuncDecl], modifiers: Modifiers, range: SourceRange, id: NodeID) {
        self.name = name
        self.methods = methods
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

// MARK: - Types as written

package indirect enum TypeExprKind: Sendable {
    /// `int`, `Player`, `Array<int>`, `Dictionary<string, Optional<Player>>`, `T`.
    case named(Name, args: [TypeExpr])
    /// `ns::Weapon` or `ns::Box<int>` (§21.3).
    case qualified(namespace: Name, name: Name, args: [TypeExpr])
    /// `(int, string)`: two or more elements.
    case tuple([TypeExpr])
    /// `(int, float) -> bool`, `() -> void`.
    case function(params: [TypeExpr], result: TypeExpr)
}

package struct TypeExpr: Sendable {
    package var kind: TypeExprKind
    package var range: SourceRange
    package init(_ kind: TypeExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

// MARK: - Statements

/// `{ statements }`
package struct Block: Sendable {
    package var statements: [Stmt]
    package var range: SourceRange
    package init(statements: [Stmt], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

package struct Stmt: Sendable {
    package var kind: StmtKind
    package var range: SourceRange
    package init(_ kind: StmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

package enum AssignOp: Sendable, Hashable {
    case assign, addAssign, subtractAssign, multiplyAssign, divideAssign, moduloAssign

    /// The binary operator a compound assignment applies (`+=` → `+`), or nil for `=`.
    package var binaryOp: BinaryOp? {
        switch self {
        case .assign: nil
        case .addAssign: .add
        case .subtractAssign: .subtract
        case .multiplyAssign: .multiply
        case .divideAssign: .divide
        case .moduloAssign: .modulo
        }
    }
}

package indirect enum StmtKind: Sendable {
    /// `let`/`var`/`const` (also `export let …` at the top level).
    case varDecl(VarDecl)
    /// A nested function (§8.1).
    case funcDecl(FuncDecl)
    /// `target = value`, `target += value`, …
    case assign(target: Expr, op: AssignOp, value: Expr, opRange: SourceRange)
    case expr(Expr)
    case ifStmt(IfStmt)
    case whileStmt(condition: Expr, body: Block)
    case forStmt(pattern: BindingPattern, iterable: Expr, body: Block)
    /// A `when` that begins a statement (§14.1 statement form).
    case when(WhenExpr)
    case returnStmt(Expr?)
    case breakStmt
    case continueStmt
    /// `start f(args)` / `start obj.m(args)` (§22.1). The operand is what follows `start`.
    case start(Expr)
    case block(Block)
}

package enum VarKind: Sendable, Hashable {
    case letBinding, varBinding, constBinding
}

/// A name or a tuple pattern `(a, _, b)` (§17.2); `nil` entries are `_`.
package enum BindingPattern: Sendable {
    case name(Name)
    case tuple([Name?], range: SourceRange)

    package var range: SourceRange {
        switch self {
        case .name(let n): n.range
        case .tuple(_, let r): r
        }
    }
}

package struct VarDecl: Sendable {
    package var kind: VarKind
    package var pattern: BindingPattern
    package var type: TypeExpr?
    package var initializer: Expr
    package var modifiers: Modifiers
    package var range: SourceRange
    package var id: NodeID
    package init(kind: VarKind, pattern: BindingPattern, type: TypeExpr?, initializer: Expr, modifiers: Modifiers,
                 range: SourceRange, id: NodeID) {
        self.kind = kind
        self.pattern = pattern
        self.type = type
        self.initializer = initializer
        self.modifiers = modifiers
        self.range = range
        self.id = id
    }
}

package struct IfStmt: Sendable {
    /// The condition. A binding test `e is Success(v)` / `e is Dog(d)` appears as an
    /// `.isTest` expression whose pattern has a binding (§7.3, §14.4).
    package var condition: Expr
    package var thenBlock: Block
    package var elseBranch: ElseBranch?
    package var range: SourceRange
    package init(condition: Expr, thenBlock: Block, elseBranch: ElseBranch?, range: SourceRange) {
        self.condition = condition
        self.thenBlock = thenBlock
        self.elseBranch = elseBranch
        self.range = range
    }
}

package indirect enum ElseBranch: Sendable {
    case elseIf(IfStmt)
    case block(Block)
}

// MARK: - Expressions

package enum UnaryOp: Sendable, Hashable {
    /// `-x`
    case negate
    /// `!x`
    case not
}

package enum BinaryOp: Sendable, Hashable {
    case add, subtract, multiply, divide, modulo
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case and, or
    /// `..`: a range when both operands are `int`, a concatenation when one is a string.
    case dotDot
    /// `..=`: an inclusive range.
    case dotDotEqual
    /// `??`
    case coalesce

    /// The operator as written, for messages such as `operator '+' cannot be applied …`.
    package var spelling: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .modulo: "%"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .and: "&&"
        case .or: "||"
        case .dotDot: ".."
        case .dotDotEqual: "..="
        case .coalesce: "??"
        }
    }
}

/// One part of an interpolated string literal (§2.6).
package enum StringPart: Sendable {
    /// Literal text with escapes already processed.
    case text(String)
    /// `$name` or `${expression}`.
    case interpolation(Expr)
}

/// An element of an array literal.
package enum ArrayElement: Sendable {
    case element(Expr)
    /// `...expr`
    case spread(Expr, range: SourceRange)
}

/// An entry of a dictionary literal.
package enum DictElement: Sendable {
    case pair(key: Expr, value: Expr)
    /// `...expr`
    case spread(Expr, range: SourceRange)
}

/// A call argument: positional `expr`, named `label: expr`, or spread `...expr`.
package struct Argument: Sendable {
    package var label: Name?
    package var value: Expr
    package var isSpread: Bool
    package var range: SourceRange
    package init(label: Name?, value: Expr, isSpread: Bool, range: SourceRange) {
        self.label = label
        self.value = value
        self.isSpread = isSpread
        self.range = range
    }
}

/// `(params) => expr` or `(params) => { statements }` (§9.1).
package struct LambdaExpr: Sendable {
    package enum Body: Sendable {
        case expr(Expr)
        case block(Block)
    }
    package var params: [Param]
    package var body: Body
    package var arrowRange: SourceRange
    package init(params: [Param], body: Body, arrowRange: SourceRange) {
        self.params = params
        self.body = body
        self.arrowRange = arrowRange
    }
}

/// The right-hand side of `is`: `is T`, `is T(name)`, `is Success(v)`, `is Error(m)`.
/// `Success` and `Error` appear as the type name `Success`/`Error`; the checker gives
/// them their meaning.
package struct IsPattern: Sendable {
    package var type: TypeExpr
    package var binding: Name?
    package var range: SourceRange
    package init(type: TypeExpr, binding: Name?, range: SourceRange) {
        self.type = type
        self.binding = binding
        self.range = range
    }
}

/// `when subject { arms }` or `when { arms }` (§14).
package struct WhenExpr: Sendable {
    package var subject: Expr?
    package var arms: [WhenArm]
    /// True for the statement form (a `when` that begins a statement): arm bodies are
    /// blocks or simple statements. False for the expression form: arm bodies are
    /// expressions.
    package var isStatement: Bool
    package var range: SourceRange
    package init(subject: Expr?, arms: [WhenArm], isStatement: Bool, range: SourceRange) {
        self.subject = subject
        self.arms = arms
        self.isStatement = isStatement
        self.range = range
    }
}

package struct WhenArm: Sendable {
    package var pattern: WhenPattern
    package var body: WhenBody
    package var range: SourceRange
    package init(pattern: WhenPattern, body: WhenBody, range: SourceRange) {
        self.pattern = pattern
        self.body = body
        self.range = range
    }
}

package indirect enum WhenPattern: Sendable {
    /// `else =>`
    case elseArm(SourceRange)
    /// `p1, p2, …` value and range patterns (in the subject-less form: bool conditions).
    case items([PatternItem])
    /// `is T`, `is T(name)`, `is Success(v)`, `is Error(m)`.
    case isType(IsPattern)
    /// `name if condition`
    case guarded(name: Name, condition: Expr)
}

package enum PatternItem: Sendable {
    case value(Expr)
    /// `a..b` (`inclusive == false`) or `a..=b`.
    case range(low: Expr, high: Expr, inclusive: Bool, range: SourceRange)
}

package enum WhenBody: Sendable {
    case block(Block)
    /// Statement form: one simple statement (expression, assignment, `return`, `break`,
    /// `continue`).
    case statement(Stmt)
    /// Expression form: the arm's value.
    case expr(Expr)
}

package struct Expr: Sendable {
    package var kind: ExprKind
    package var range: SourceRange
    package var id: NodeID
    package init(_ kind: ExprKind, _ range: SourceRange, id: NodeID) {
        self.kind = kind
        self.range = range
        self.id = id
    }
}

package indirect enum ExprKind: Sendable {
    /// An integer literal. A unary minus written directly before a decimal literal is
    /// folded into it (§2.4), so `-9223372036854775808` is one literal.
    case intLiteral(Int64)
    case floatLiteral(Double)
    case boolLiteral(Bool)
    /// A string literal without interpolation (escapes processed).
    case stringLiteral(String)
    /// A string literal with at least one `$name` or `${expr}` part.
    case interpolatedString([StringPart])
    case nullLiteral
    /// A plain identifier.
    case name(Name)
    /// `self`
    case selfExpr
    /// `super.name` (only meaningful as the callee of a call).
    case superMember(Name)
    /// `ns::name` (§21.3).
    case namespaced(namespace: Name, name: Name)
    /// `(a, b, …)`: two or more elements.
    case tuple([Expr])
    case array([ArrayElement])
    case dictionary([DictElement])
    case lambda(LambdaExpr)
    case unary(UnaryOp, Expr, opRange: SourceRange)
    case binary(BinaryOp, Expr, Expr, opRange: SourceRange)
    /// `c ? a : b`
    case ternary(Expr, Expr, Expr)
    /// `e as T`
    case cast(Expr, TypeExpr)
    /// `e is T`, or a binding test `e is T(name)`.
    case isTest(Expr, IsPattern)
    /// `callee<TypeArgs>(args)`
    case call(callee: Expr, typeArgs: [TypeExpr], args: [Argument])
    /// `base.name`
    case member(Expr, Name)
    /// `base?.name`
    case optionalMember(Expr, Name)
    /// `base[index]`
    case index(Expr, Expr)
    /// `e?` (postfix error propagation, §16.3).
    case propagate(Expr)
    /// `when` in expression position.
    case when(WhenExpr)
    /// `yield` alone (operand nil) or `yield operand`.
    case yield(Expr?)
    /// A placeholder the parser leaves where an expression failed to parse, so that
    /// one syntax error does not cascade into type errors.
    case error
}
