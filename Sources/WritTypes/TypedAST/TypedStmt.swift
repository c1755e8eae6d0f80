import WritSyntax

/// A checked statement. Blocks are plain statement arrays; every block (and every loop
/// iteration) opens a fresh scope, so a local declared in a loop body is a new variable
/// in each iteration (§9.3): a boxed local gets a new box each time its declaration runs.
package struct TypedStmt: Sendable {
    package var kind: TypedStmtKind
    package var range: SourceRange
    package init(_ kind: TypedStmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// Where a declaration stores its value.
package enum DeclTarget: Sendable, Hashable {
    case local(LocalID)
    /// A top-level variable of the module being initialised.
    case global(GlobalID)
}

package enum VarBinding: Sendable {
    /// `let x = …`
    case single(DeclTarget)
    /// `let (a, _, b) = tuple`: one entry per tuple element, nil for `_`.
    case tuple([DeclTarget?])
}

package struct TypedVarDecl: Sendable {
    package var binding: VarBinding
    /// Converted to the declared type (or the tuple type being destructured).
    package var value: TypedExpr
    /// For `const`: the folded value (reads of the constant are already literals).
    package var constant: ConstantValue?
}

/// The storage an assignment writes (§7.2, §12.3): a root, then zero or more struct
/// field steps into a struct value stored at that root.
///
/// Lowering evaluates the root's object/index expressions first, then the right-hand side,
/// then stores. With a non-empty `path`, the struct value at the root is updated in place
/// (a local's slots) or read, modified and written back (a field, element or entry).
package struct AssignTarget: Sendable {
    package var root: AssignRoot
    package var path: [StructFieldStep]
    /// The static type of the target (the last step's field type, or the root's type).
    package var type: WType
}

package enum AssignRoot: Sendable {
    case local(LocalID)
    case capture(Int)
    case global(GlobalID)
    /// A field of a class instance. When `setter` is set, the store of the field's new value
    /// (with a `path`: the modified struct, written back) is a call `setter(object, value)`
    /// instead (§10.6). Inside a class setter, `field = v` is this root with `object` =
    /// `self` and no setter (a direct store).
    case classField(object: TypedExpr, ClassID, fieldIndex: Int, setter: FunctionID?)
    /// `a[i] = …` (runtime error `index out of range`).
    case arrayElement(array: TypedExpr, index: TypedExpr)
    /// `d[k] = …` (insert or replace).
    case dictionaryEntry(dictionary: TypedExpr, key: TypedExpr)
    /// A mutable host global.
    case hostGlobal(HostGlobalID)
}

/// One `.x` step into a struct value. When `setter` is set and this is the last step,
/// the new field value is `setter(structValue, value)` (a struct setter returns the new
/// value of its field).
package struct StructFieldStep: Sendable, Hashable {
    package var structID: StructID
    package var fieldIndex: Int
    package var setter: FunctionID?
}

/// How a compound assignment `t op= v` combines the current value of `t` with `v`.
/// The target's parts are evaluated once: read current value, combine, store.
package enum CompoundOperation: Sendable {
    /// Both `int`.
    case intArithmetic(ArithmeticOp)
    /// The target is `float`; the value is already `float`.
    case floatArithmetic(ArithmeticOp)
    /// `s += "x"` on strings.
    case stringAdd
    /// An operator method (§10.9): `t = t.add(v)`; the target is the method call's target,
    /// the current value its receiver, `v` its one argument.
    case operatorMethod(CallTarget)
}

package struct TypedAssignment: Sendable {
    package var target: AssignTarget
    /// Converted to the target type (plain `=`), or to the operand type the compound
    /// operation needs.
    package var value: TypedExpr
    package var compound: CompoundOperation?
}

/// The condition of an `if` or `while`.
package enum TypedCondition: Sendable {
    case expr(TypedExpr)
    /// A binding test `e is Success(v)`, `e is Error(m)`, `e is Dog(d)` (§7.3, §14.4):
    /// evaluate `subject` into `subjectLocal`, test, then store the bindings; they are
    /// visible in the then-block only.
    case binding(subject: TypedExpr, subjectLocal: LocalID, pattern: TypedPattern)
}

package struct TypedIf: Sendable {
    package var condition: TypedCondition
    package var thenBody: [TypedStmt]
    /// `else if` chains appear as an else body holding one `ifStmt`.
    package var elseBody: [TypedStmt]?
}

/// What a `for` loop iterates over (§7.4).
package enum ForIteration: Sendable {
    /// `low..high` (exclusive) or `low..=high`; both `int`, evaluated once before the loop.
    case range(low: TypedExpr, high: TypedExpr, inclusive: Bool)
    /// An `Array<T>`, walked by index up to its current length.
    case array(TypedExpr)
    /// A `Dictionary<K, V>`'s keys (`for k in d`).
    case dictionaryKeys(TypedExpr)
    /// A `Dictionary<K, V>`'s entries (`for (k, v) in d`): the element is the tuple `(K, V)`.
    case dictionaryEntries(TypedExpr)
    /// A `string`'s Unicode scalars as one-scalar strings.
    case stringScalars(TypedExpr)
}

package enum ForBinding: Sendable {
    /// The element bound to one local (nil for `_`).
    case single(LocalID?)
    /// The element is a tuple, destructured element by element (nil for `_`).
    case tuple([LocalID?])
}

package struct TypedFor: Sendable {
    package var iteration: ForIteration
    /// Fresh locals for every iteration (closures capture each iteration's own variable).
    package var binding: ForBinding
    package var body: [TypedStmt]
}

package indirect enum TypedStmtKind: Sendable {
    case varDecl(TypedVarDecl)
    /// A nested function declaration: create its closure (captures in the function table)
    /// and store it into the (immutable) local.
    case nestedFunction(FunctionID, LocalID)
    case assign(TypedAssignment)
    case expr(TypedExpr)
    case ifStmt(TypedIf)
    case whileLoop(condition: TypedExpr, body: [TypedStmt])
    case forLoop(TypedFor)
    case when(TypedWhen)
    /// The value is converted to the function's result type. In a module's `<main>` the
    /// result type is `Optional<T>` (or `void`), see `TypedModule`.
    case returnStmt(TypedExpr?)
    case breakStmt
    case continueStmt
    /// `start f(args)` / `start obj.m(args)` (§22.1): the call's receiver and arguments are
    /// evaluated now; the call runs as a new coroutine. The owner is the receiver for
    /// `.virtualMethod`, `.traitMethod` and `.superMethod` targets (§22.5), none otherwise.
    case start(TypedCall)
    case block([TypedStmt])
}
