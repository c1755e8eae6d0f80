import WritSyntax

/// A checked expression: what it computes, its static type, and where it was written.
///
/// Conventions shared by every node (read this before lowering):
/// - `type` is the static type of the value the node produces, after every conversion
///   the checker inserted. An operand whose representation changes carries an explicit
///   conversion node (`intToFloat`, `wrapOptional`, `upcast`, `toTrait`, `unwrapNarrowed`,
///   `narrowedDowncast`, …); nothing is implicit. The one exception: an integer literal
///   used where a `float` is expected (§4.3 rule 2) is emitted directly as a
///   `floatLiteral` of the equal value.
/// - Children appear in evaluation order (§6.2) unless a node says otherwise (calls keep
///   the written order and give each argument its parameter index).
/// - Names are resolved: a read is `local`, `capture`, `global`, `hostGlobal`,
///   `enumCase`, `functionValue`, `closure` or `currentClosure`, never a string.
///   Reads of `const` constants are replaced by their folded literal.
/// - `range` is the source range of the expression as written; synthesised nodes
///   (conversions, temporaries) carry the range of the expression they wrap.
package struct TypedExpr: Sendable {
    package var kind: TypedExprKind
    package var type: WType
    package var range: SourceRange

    package init(_ kind: TypedExprKind, _ type: WType, _ range: SourceRange) {
        self.kind = kind
        self.type = type
        self.range = range
    }

    /// An erroneous expression (never in a program without errors).
    package static func error(_ range: SourceRange) -> TypedExpr { TypedExpr(.error, .error, range) }
}

package enum ArithmeticOp: Sendable, Hashable {
    case add, subtract, multiply, divide, modulo
}

package enum ComparisonOp: Sendable, Hashable {
    case less, lessEqual, greater, greaterEqual
}

/// Which built-in ordering a `<`-family comparison uses (operands already have that type).
package enum ComparisonKind: Sendable, Hashable {
    case int, float, string
}

/// The run-time test of an `is` expression or pattern.
///
/// When the operand's static type is `Optional<X>`, `null` fails the test before it is
/// performed (§6.9); the test then applies to the present value.
package enum TypeTest: Sendable, Hashable {
    /// The object is an instance of this class or a descendant.
    case classInstance(ClassID)
    /// The object's class implements this trait.
    case traitConformance(TraitID)
    /// The answer is known statically (e.g. `5 is int`, `dog is Animal`); the operand is
    /// still evaluated (and for an `Optional` operand, `null` still gives `false`).
    case always(Bool)
}

/// The target of a checked downcast (`as`, §6.8) or of a narrowed read.
package enum CastTarget: Sendable, Hashable {
    case classType(ClassID)
    case traitType(TraitID)
}

/// Which field a field read names. The object expression is the node's first child.
package enum FieldRef: Sendable, Hashable {
    /// Index into `TypedClass.fields` (layout order, ancestors first) of the object's static class.
    case classField(ClassID, Int)
    /// Index into `TypedStruct.fields`.
    case structField(StructID, Int)
    /// Index into `TypedEnum.fields`: the value comes from `TypedEnum.cases[case].values[index]`.
    case enumField(EnumID, Int)
}

/// One element of an array literal (or of a packed variadic argument list).
package enum TypedArrayElement: Sendable {
    /// Already converted to the array's element type.
    case element(TypedExpr)
    /// `...expr`: an `Array` whose elements are assignable to the element type. If the
    /// spread array's element type differs from the literal's (e.g. `Array<Dog>` into an
    /// `Array<Animal>`), `elementConversion` converts one element: it is an expression over
    /// `.spreadElement` (a placeholder for the element being copied).
    case spread(TypedExpr, elementConversion: TypedExpr?)
}

/// One entry of a dictionary literal.
package enum TypedDictElement: Sendable {
    /// Key and value already converted to the dictionary's key and value types.
    case pair(key: TypedExpr, value: TypedExpr)
    /// `...expr`: a dictionary of the same type.
    case spread(TypedExpr)
}

/// A part of an interpolated string (§2.6): literal text, or a value whose print form
/// (chapter 24, top-level form) is inserted; the value keeps its own type.
package enum TypedStringPart: Sendable {
    case text(String)
    case value(TypedExpr)
}

/// `base?.member` (§15.2). Lowering: evaluate `base` (an `Optional<T>`); if it is `null`
/// the result is `null` of `type` (or nothing, when `type` is `void`); otherwise store the
/// present `T` into `valueLocal` and evaluate `member`, which reads `valueLocal` and is
/// already converted to the node's `type` (wrapped in `Optional` where needed).
package struct TypedOptionalChain: Sendable {
    package var base: TypedExpr
    package var valueLocal: LocalID
    package var member: TypedExpr
}

/// The forms of `yield` (§22.3). All appear only in coroutine functions.
package enum TypedYield: Sendable {
    /// `yield` alone: suspend until the next frame.
    case nextFrame
    /// `yield waitForFrames(n)` with an `int`.
    case waitForFrames(TypedExpr)
    /// `yield waitForSeconds(s)` with a `float`.
    case waitForSeconds(TypedExpr)
    /// `yield waitUntil(pred)` with a `() -> bool`.
    case waitUntil(TypedExpr)
    /// `yield g(args)`: call `g` on the current coroutine's stack and await its result
    /// (the node's type). `g` may also be an ordinary function (then it is a plain call).
    case call(TypedCall)
}

package enum TypedExprKind: Sendable {
    // MARK: Literals
    case intLiteral(Int64)
    case floatLiteral(Double)
    case boolLiteral(Bool)
    case stringLiteral(String)
    /// `null`; `type` is the `Optional<T>` it stands for.
    case null

    // MARK: Names
    /// A local of the current function (parameters and `self` included). Whether it lives
    /// in a heap box is `TypedFunction.locals[id].capture`.
    case local(LocalID)
    /// A variable captured by the current closure: index into the current function's
    /// `TypedFunction.captures`. Whether the capture is a box is in that entry.
    case capture(Int)
    /// The closure currently executing (a nested function naming itself, §8.1 recursion).
    case currentClosure
    /// A top-level variable (of this or an imported module).
    case global(GlobalID)
    case hostGlobal(HostGlobalID)
    /// `Enum.Case`: the case index.
    case enumCase(EnumID, Int)
    /// A top-level or static function used as a value (no captures).
    case functionValue(FunctionID)
    /// Creating a closure for a lambda (or a nested function, at its declaration): the
    /// captured variables are `TypedProgram.functions[id].captures`, in that order.
    case closure(FunctionID)
    /// Placeholder for the element being copied in `TypedArrayElement.spread`'s conversion.
    case spreadElement

    // MARK: Literals with parts
    /// `(a, b, …)`, elements in order.
    case tuple([TypedExpr])
    /// `[a, ...b]`; `type` is `Array<T>`.
    case array([TypedArrayElement])
    /// `{k: v, ...d}`; `type` is `Dictionary<K, V>`.
    case dictionary([TypedDictElement])
    /// An interpolated string literal.
    case interpolation([TypedStringPart])

    // MARK: Operators (operands already converted to the operation's type)
    /// `+ - * / %` on two `int`s (overflow and division by zero are runtime errors).
    indirect case intArithmetic(ArithmeticOp, TypedExpr, TypedExpr)
    /// `+ - * / %` on two `float`s (an `int` operand arrives wrapped in `intToFloat`).
    indirect case floatArithmetic(ArithmeticOp, TypedExpr, TypedExpr)
    /// `-x` on an `int` (overflow is a runtime error).
    indirect case intNegate(TypedExpr)
    indirect case floatNegate(TypedExpr)
    /// `a + b` on two strings.
    indirect case stringAdd(TypedExpr, TypedExpr)
    /// `a .. b` as concatenation (§6.6): each operand keeps its own type and is turned
    /// into its print form (top-level form: strings unquoted). Ranges never appear here.
    indirect case concat(TypedExpr, TypedExpr)
    /// `< <= > >=`; both operands have the `ComparisonKind`'s type.
    indirect case compare(ComparisonOp, ComparisonKind, TypedExpr, TypedExpr)
    /// `==` (or `!=` when `negated`). Both operands are converted to `operandType`, which
    /// chooses the equality of §6.4 (identity for classes and traits, structural for
    /// arrays, tuples, structs, …).
    indirect case equal(negated: Bool, operandType: WType, TypedExpr, TypedExpr)
    indirect case and(TypedExpr, TypedExpr)
    indirect case or(TypedExpr, TypedExpr)
    indirect case not(TypedExpr)
    /// `o ?? fallback`: `o` is `Optional<T>`; the fallback is evaluated only when `o` is
    /// `null` and is already converted to the node's type (`T`, or `Optional<T>`).
    indirect case coalesce(TypedExpr, TypedExpr)
    /// `c ? a : b`, branches already converted to the node's type.
    indirect case ternary(TypedExpr, TypedExpr, TypedExpr)
    /// `e is T` (§6.9).
    indirect case isTest(TypedExpr, TypeTest)

    // MARK: Conversions
    /// `int` → `float` (mixed arithmetic, `as float`, assignability to `float`).
    indirect case intToFloat(TypedExpr)
    /// `float` → `int` by `as int`: truncation; runtime error `value out of range for int`.
    indirect case floatToInt(TypedExpr)
    /// `T` → `Optional<T>`.
    indirect case wrapOptional(TypedExpr)
    /// A class instance to an ancestor class (free: fields are a prefix).
    indirect case upcast(TypedExpr, ClassID)
    /// A class instance (operand type `classType`) to a trait it implements; or a trait
    /// value to another trait statically known to be implemented (never happens today).
    indirect case toTrait(TypedExpr, TraitID)
    /// A checked downcast (`as` to a descendant class or another trait, §6.8): runtime
    /// error `cannot cast A to B` when the object is not one.
    indirect case downcast(TypedExpr, CastTarget)
    /// A read of a narrowed `Optional<T>` variable (§15.3) as `T`: the operand is the
    /// variable read (`Optional<T>`); a value is guaranteed, no check needed.
    indirect case unwrapNarrowed(TypedExpr)
    /// A read of a class/trait variable narrowed by `is C` as `C`: no runtime check needed.
    /// If the operand is `Optional`, it is also known to be present.
    indirect case narrowedDowncast(TypedExpr, CastTarget)

    // MARK: Access
    /// A field read. `.classField` reads the stored value (setters never run on reads).
    indirect case field(TypedExpr, FieldRef)
    /// `t[0]` on a tuple.
    indirect case tupleElement(TypedExpr, Int)
    /// `a[i]` on an `Array<T>` (runtime error `index out of range`).
    indirect case arrayIndex(TypedExpr, TypedExpr)
    /// `d[k]` on a `Dictionary<K, V>`: type `Optional<V>`.
    indirect case dictionaryIndex(TypedExpr, TypedExpr)
    /// Every call, constructor and built-in operation; see `TypedCall`.
    indirect case call(TypedCall)
    indirect case optionalChain(TypedOptionalChain)
    /// `r?` (§16.3): `r` is `Result<T>`, the node is `T`; on `Error(m)` the current function
    /// returns `Error(m)` (its result type is some `Result<U>`).
    indirect case propagate(TypedExpr)
    /// `when` in expression position (`isStatement == false`, always exhaustive).
    indirect case when(TypedWhen)
    /// `yield …` (§22.3); the node's type is `void` except for `.call`.
    indirect case yield(TypedYield)

    /// An erroneous expression; never in a program without errors.
    case error
}

// MARK: - Calls

/// A call, with its target resolved.
///
/// Evaluation order: for `.closure` the callee first; then `receiver` (if any); then
/// `arguments` in **written order** (each says which parameter it fills); then, for
/// constructors, `fieldDefaults` in field order; then the call happens.
package struct TypedCall: Sendable {
    package var target: CallTarget
    /// The receiver of a method call (`self` of the callee), or of a built-in member
    /// (`xs.push(1)`: `xs`). Nil for free functions, static methods, constructors and
    /// closures. For `.virtualMethod` its static type is the class of the target; for
    /// `.traitMethod` it is the trait type.
    package var receiver: TypedExpr?
    /// In written order. `parameterIndex` is the parameter (not counting `self`), or for
    /// constructors the index into the type's fields. A variadic parameter receives one
    /// argument, an explicit `.array` node packing the extra arguments and spreads.
    package var arguments: [TypedArgument]
    /// Constructors only: the fields that got no argument, in field order, each with its
    /// default expression (checked at this call site, evaluated after the arguments).
    package var fieldDefaults: [TypedFieldDefault]

    package init(target: CallTarget, receiver: TypedExpr? = nil, arguments: [TypedArgument],
                 fieldDefaults: [TypedFieldDefault] = []) {
        self.target = target
        self.receiver = receiver
        self.arguments = arguments
        self.fieldDefaults = fieldDefaults
    }
}

package struct TypedArgument: Sendable {
    /// Already converted to the parameter's (or field's) type.
    package var value: TypedExpr
    package var parameterIndex: Int
    package init(value: TypedExpr, parameterIndex: Int) {
        self.value = value
        self.parameterIndex = parameterIndex
    }
}

package struct TypedFieldDefault: Sendable {
    package var fieldIndex: Int
    package var value: TypedExpr
    package init(fieldIndex: Int, value: TypedExpr) {
        self.fieldIndex = fieldIndex
        self.value = value
    }
}

package enum CallTarget: Sendable {
    /// A top-level function, a static method or any other function called directly with no
    /// receiver and no captures.
    case function(FunctionID)
    /// A nested function called by name: the function is known statically; `closure`
    /// gives its captured environment (a read of the local holding it, a capture, or
    /// `.currentClosure` for recursion).
    case nestedFunction(FunctionID, closure: TypedExpr)
    /// Calling a function value (lambda, closure, function value in a variable or field).
    case closure(TypedExpr)
    /// Dynamic dispatch on a class instance: `TypedClass.vtable[slot]` of the receiver's
    /// run-time class. `ClassID` is the receiver's static class; `staticTarget` is the
    /// method that class itself would run (lowering may call it directly when no subclass
    /// overrides the slot).
    case virtualMethod(ClassID, slot: Int, staticTarget: FunctionID)
    /// Dynamic dispatch on a trait value: `TypedClass.traitTables[trait][methodIndex]` of the
    /// receiver's run-time class.
    case traitMethod(TraitID, methodIndex: Int)
    /// A method with no dynamic dispatch: struct and enum methods (receiver is the value).
    case directMethod(FunctionID)
    /// `super.m(…)`: the exact implementation, receiver `self`.
    case superMethod(FunctionID)
    /// The automatic constructor of a class. Arguments' `parameterIndex` are field indices
    /// (layout order); missing fields come from `fieldDefaults`. Setters never run.
    case constructClass(ClassID)
    case constructStruct(StructID)
    /// A standard-library function, property or member.
    case builtin(Builtin)
    /// A host-registered function.
    case host(HostFunctionID)
}

// MARK: - when and patterns

/// `when` (§14), statement or expression form.
///
/// Lowering: evaluate `subject` once into `subjectLocal` (absent in the subject-less form),
/// then try the arms top to bottom: an arm matches when its `pattern.test` holds; then its
/// `pattern.bindings` are stored, then its `pattern.guardCondition` (if any) must be true;
/// then the body runs and the `when` ends.
package struct TypedWhen: Sendable {
    package var subject: TypedExpr?
    package var subjectLocal: LocalID?
    package var arms: [TypedWhenArm]
    /// True when some arm always matches (else, or full coverage of an enum, bool or Result).
    /// The expression form is always exhaustive.
    package var isExhaustive: Bool
    package var isStatement: Bool
}

package struct TypedWhenArm: Sendable {
    package var pattern: TypedPattern
    package var body: TypedWhenBody
    package var range: SourceRange
}

package enum TypedWhenBody: Sendable {
    /// Statement form.
    case statements([TypedStmt])
    /// Expression form: the arm's value, converted to the `when`'s type.
    case expr(TypedExpr)
}

/// A pattern of a `when` arm or an `if` binding test, over a subject stored in a local.
package struct TypedPattern: Sendable {
    package var test: PatternTest
    /// Locals bound when the test holds, each with the expression (over the subject local)
    /// that computes its value.
    package var bindings: [PatternBinding]
    /// `name if condition`: evaluated after the bindings.
    package var guardCondition: TypedExpr?
    package var range: SourceRange
}

package struct PatternBinding: Sendable {
    package var local: LocalID
    package var value: TypedExpr
}

package enum PatternTest: Sendable {
    /// `else`, or a guarded binding `name if …` (the guard decides).
    case always
    /// `p1, p2, …`: matches when any item matches.
    case anyOf([TypedPatternItem])
    /// Subject-less form: a `bool` condition.
    case condition(TypedExpr)
    /// `is T` / `is T(name)` on a class or trait subject (an `Optional` subject fails on `null`).
    case type(TypeTest)
    /// `is Success(v)` on a `Result` subject.
    case success
    /// `is Error(m)` on a `Result` subject.
    case error
}

package enum TypedPatternItem: Sendable {
    /// A value pattern: `test` is the complete `bool` comparison `subject == value`
    /// (an `.equal` node over the subject local and the value, both converted to the
    /// comparison type).
    case value(test: TypedExpr)
    /// `low..high` or `low..=high` on a numeric subject: `subject` reads the subject local
    /// (converted to `float` when `isFloat`), `low` and `high` have the same type.
    case range(low: TypedExpr, high: TypedExpr, inclusive: Bool, subject: TypedExpr, isFloat: Bool)
}
