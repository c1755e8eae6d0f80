import WritSyntax

/// Every diagnostic the checker can produce, as data (notes-style.md, "Errors and
/// diagnostics"). `text` renders the exact wording of language.md §26.2; messages that
/// the reference does not list are recorded in notes/checker-decisions.md.
package enum CheckerMessage: Sendable, Hashable {
    // Names
    case undefinedVariable(String)
    case undefinedFunction(String)
    case unknownType(String)
    case unknownTrait(String)
    case noMember(type: String, member: String)
    case duplicateDeclaration(String)
    case privateMember(member: String, owner: String)
    case builtinTypeName(String)

    // Types
    case typeMismatch(expected: String, found: String)
    case operatorNotApplicable(op: String, left: String, right: String)
    case unaryOperatorNotApplicable(op: String, operand: String)
    case cannotCompare(String, String)
    case conditionNotBool(String)
    case cannotCast(from: String, to: String)
    case cannotInferNull
    case cannotInferEmptyArray
    case cannotInferEmptyDictionary
    case cannotInferError
    case cannotInferVariable(String)
    case cannotInferTypeParameter(String)
    case constraintNotSatisfied(type: String, param: String, trait: String)
    case invalidDictionaryKey(String)
    case weakFieldType
    case rangeOutsideLoop
    case voidValue
    case notCallable(String)
    case comparingFunctions
    case wrongTypeArgumentCount(name: String, expected: Int, found: Int)
    case notGeneric(String)
    case genericTypeNeedsArguments(String)
    case functionValueNotAllowed(String)
    case voidNotAllowed
    case typeAsValue(String)
    case genericNestedFunction
    case cannotIterate(String)

    // Calls
    case wrongArgumentCount(callee: String, expected: Int, found: Int)
    case mixedArguments
    case noParameter(callee: String, name: String)
    case noField(type: String, name: String)
    case missingFieldArgument(field: String, type: String)
    case duplicateArgument(String)
    case namedArgumentsWithVariadic(String)
    case spreadNotAllowed
    case staticThroughInstance(String)
    case instanceMethodThroughType(String)
    case sortNeedsComparator(String)

    // Assignment and mutability
    case assignToLet(String)
    case assignToConst(String)
    case assignToImport(String)
    case immutableStruct(String)
    case structMethodMutation(String)
    case notAssignable
    case tupleImmutable
    case assignToParameter(String)

    // Control flow and functions
    case missingReturn(String)
    case missingReturnValue
    case returnValueFromVoid
    case breakOutsideLoop
    case continueOutsideLoop
    case superOutsideMethod
    case superWithoutParent
    case propagateOutsideResult
    case propagateNonResult
    case optionalChainNonOptional
    case nonExhaustive(String)
    case elseNotLast
    case bindingTestOutsideIf
    case tupleIndexOutOfRange
    case tupleIndexNotLiteral
    case destructureCount(elements: Int, names: Int)
    case destructureNonTuple(String)
    case constNotConstant
    case constantOverflow
    case constantDivisionByZero
    case invalidTypeTest(String)

    // Classes, traits, structs, enums
    case missingTraitMethod(className: String, method: String, trait: String)
    case overrideSignature(String)
    case structExtends
    case structWith
    case enumExtends
    case ambiguousDefault(String)
    case traitMethodPrivate(String)
    case notAClass(String)
    case notATrait(String)
    case inheritanceCycle(String)
    case recursiveStruct(String)
    case genericInstanceMethod
    case defaultRefersToSelf
    case setterOnlyField
    case enumCaseArgumentCount(enumName: String, caseName: String, expected: Int, found: Int)

    // Coroutines
    case coroutineCalledPlainly(String)
    case yieldOutsideFunction
    case yieldInLambda
    case waitWithoutYield(String)
    case startNeedsCall
    case yieldNeedsCall
    case coroutineValue(String)

    // Modules
    case moduleNotFound(String)
    case notExported(name: String, path: String)
    case circularImport
    case importedUndefined(String)

    // Limits
    case nestingTooDeep(Int)
    case instantiationTooDeep(String, Int)

    package var text: String {
        switch self {
        case .undefinedVariable(let n): "undefined variable '\(n)'"
        case .undefinedFunction(let n): "undefined function '\(n)'"
        case .unknownType(let n): "unknown type '\(n)'"
        case .unknownTrait(let n): "unknown trait '\(n)'"
        case .noMember(let t, let m): "'\(t)' has no member '\(m)'"
        case .duplicateDeclaration(let n): "duplicate declaration of '\(n)'"
        case .privateMember(let m, let o): "'\(m)' is private to '\(o)'"
        case .builtinTypeName(let n): "cannot declare a type named '\(n)'"
        case .typeMismatch(let e, let f): "type mismatch: expected \(e), found \(f)"
        case .operatorNotApplicable(let op, let l, let r): "operator '\(op)' cannot be applied to \(l) and \(r)"
        case .unaryOperatorNotApplicable(let op, let t): "operator '\(op)' cannot be applied to \(t)"
        case .cannotCompare(let a, let b): "cannot compare \(a) and \(b)"
        case .conditionNotBool(let t): "condition must be bool, found \(t)"
        case .cannotCast(let f, let t): "cannot cast \(f) to \(t)"
        case .cannotInferNull: "cannot infer type of 'null'; add a type annotation"
        case .cannotInferEmptyArray: "cannot infer type of empty array literal"
        case .cannotInferEmptyDictionary: "cannot infer type of empty dictionary literal"
        case .cannotInferError: "cannot infer type of 'Error'; add a type annotation"
        case .cannotInferVariable(let n): "cannot infer type of '\(n)'; add a type annotation"
        case .cannotInferTypeParameter(let n): "cannot infer type parameter '\(n)'"
        case .constraintNotSatisfied(let t, let p, let tr): "type '\(t)' does not satisfy constraint '\(p) : \(tr)'"
        case .invalidDictionaryKey(let t): "invalid dictionary key type \(t)"
        case .weakFieldType: "weak field must have an Optional class type"
        case .rangeOutsideLoop: "a range can only be used in a for loop or a when pattern"
        case .voidValue: "type mismatch: expected a value, found void"
        case .notCallable(let t): "cannot call a value of type \(t)"
        case .comparingFunctions: "cannot compare function values"
        case .wrongTypeArgumentCount(let n, let e, let f): "wrong number of type arguments: '\(n)' expects \(e), found \(f)"
        case .notGeneric(let n): "'\(n)' is not generic"
        case .genericTypeNeedsArguments(let n): "generic type '\(n)' needs type arguments"
        case .functionValueNotAllowed(let n): "'\(n)' cannot be used as a value; wrap it in a lambda"
        case .voidNotAllowed: "'void' can only be used as a return type"
        case .typeAsValue(let n): "'\(n)' is a type, not a value"
        case .genericNestedFunction: "nested functions cannot be generic"
        case .cannotIterate(let t): "cannot iterate over a value of type \(t)"
        case .wrongArgumentCount(let c, let e, let f): "wrong number of arguments: '\(c)' expects \(e), found \(f)"
        case .mixedArguments: "cannot mix positional and named arguments"
        case .noParameter(let c, let n): "'\(c)' has no parameter '\(n)'"
        case .noField(let t, let n): "'\(t)' has no field '\(n)'"
        case .missingFieldArgument(let f, let t): "missing argument for field '\(f)' of '\(t)'"
        case .duplicateArgument(let n): "argument '\(n)' is given more than once"
        case .namedArgumentsWithVariadic(let n): "'\(n)' has a variadic parameter and takes positional arguments only"
        case .spreadNotAllowed: "a spread argument can only fill a variadic parameter"
        case .staticThroughInstance(let n): "static method '\(n)' must be called on its type"
        case .instanceMethodThroughType(let n): "instance method '\(n)' must be called on an instance"
        case .sortNeedsComparator(let t): "'sort()' needs int, float or string elements, found \(t); pass a comparison function"
        case .assignToLet(let n): "cannot assign to immutable variable '\(n)'"
        case .assignToConst(let n): "cannot assign to constant '\(n)'"
        case .assignToImport(let n): "cannot assign to imported variable '\(n)'"
        case .immutableStruct(let n): "cannot modify '\(n)': it is an immutable struct value"
        case .structMethodMutation(let n): "cannot modify field '\(n)' in a struct method"
        case .notAssignable: "cannot assign to this expression"
        case .tupleImmutable: "tuples are immutable"
        case .assignToParameter(let n): "cannot assign to immutable variable '\(n)'"
        case .missingReturn(let f): "missing return in function '\(f)'"
        case .missingReturnValue: "missing return value"
        case .returnValueFromVoid: "cannot return a value from a void function"
        case .breakOutsideLoop: "'break' outside of a loop"
        case .continueOutsideLoop: "'continue' outside of a loop"
        case .superOutsideMethod: "'super' used outside of a class method"
        case .superWithoutParent: "'super' used in a class with no parent"
        case .propagateOutsideResult: "'?' can only be used in a function that returns Result"
        case .propagateNonResult: "'?' requires a Result value"
        case .optionalChainNonOptional: "'?.' requires an Optional value"
        case .nonExhaustive(let what): "non-exhaustive when: missing \(what)"
        case .elseNotLast: "'else' must be the last arm"
        case .bindingTestOutsideIf: "a binding test 'is T(name)' can only be the condition of an 'if' or a 'when' pattern"
        case .tupleIndexOutOfRange: "tuple index out of range"
        case .tupleIndexNotLiteral: "tuple index must be an integer literal"
        case .destructureCount(let e, let n): "cannot destructure a tuple of \(e) elements into \(n) names"
        case .destructureNonTuple(let t): "cannot destructure non-tuple type \(t)"
        case .constNotConstant: "const initializer must be a constant expression"
        case .constantOverflow: "integer overflow in constant expression"
        case .constantDivisionByZero: "division by zero in constant expression"
        case .invalidTypeTest(let t): "cannot test a value of type \(t) with 'is'"
        case .missingTraitMethod(let c, let m, let t): "class '\(c)' does not implement '\(m)' required by trait '\(t)'"
        case .overrideSignature(let m): "override of '\(m)' must have the same signature"
        case .structExtends: "structs cannot use 'extends'"
        case .structWith: "structs cannot use 'with'"
        case .enumExtends: "enums cannot use 'extends' or 'with'"
        case .ambiguousDefault(let m): "ambiguous default method '\(m)'"
        case .traitMethodPrivate(let m): "method '\(m)' implements a trait method and cannot be private"
        case .notAClass(let n): "'\(n)' is not a class"
        case .notATrait(let n): "unknown trait '\(n)'"
        case .inheritanceCycle(let n): "class '\(n)' inherits from itself"
        case .recursiveStruct(let n): "struct '\(n)' contains itself"
        case .genericInstanceMethod: "instance methods of classes and traits cannot be generic"
        case .defaultRefersToSelf: "a field default cannot refer to 'self' or other fields"
        case .setterOnlyField: "a struct setter can only assign 'field'"
        case .enumCaseArgumentCount(let en, let c, let e, let f): "wrong number of arguments: '\(en).\(c)' expects \(e), found \(f)"
        case .coroutineCalledPlainly(let n): "coroutine '\(n)' must be called with 'start' or 'yield'"
        case .yieldOutsideFunction: "'yield' is only allowed inside a function"
        case .yieldInLambda: "'yield' is not allowed in a lambda"
        case .waitWithoutYield(let n): "'\(n)' can only be used with 'yield'"
        case .startNeedsCall: "'start' needs a function or method call"
        case .yieldNeedsCall: "'yield' needs a function call"
        case .coroutineValue(let n): "coroutine '\(n)' cannot be used as a value"
        case .moduleNotFound(let p): "module not found: '\(p)'"
        case .notExported(let n, let p): "'\(n)' is not exported by '\(p)'"
        case .circularImport: "circular import"
        case .importedUndefined(let n): "undefined variable '\(n)'"
        case .nestingTooDeep(let limit): "expression is nested too deeply (limit \(limit))"
        case .instantiationTooDeep(let n, let limit): "generic instantiation of '\(n)' is nested too deeply (limit \(limit))"
        }
    }
}

/// Hard limits of the checker (notes-style.md: limits in one place, quoted by the error).
package enum CheckerLimits {
    /// Nesting of expressions and statements the checker recurses into. The parser already
    /// bounds tree height (`WritSyntax.Limits.maxNestingDepth`); this guards the checker's
    /// own recursion independently of that.
    package static let maxNestingDepth = 300
    /// How deeply generic instantiations may cause further instantiations (a generic
    /// function calling itself with `Array<T>`, a generic class with a field of
    /// `Box<Box<T>>`, …).
    package static let maxInstantiationDepth = 40
    /// Stack of the checker's own thread: room for `maxNestingDepth` levels of the
    /// checker's recursion (several frames each) even in a debug build.
    package static let stackSize = 64 << 20
}

/// The "did you mean" rule of language.md §26.1: among candidates at Levenshtein distance
/// 1 or 2 from `name`, the smallest distance, ties broken alphabetically.
package func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.unicodeScalars)
    var best: (Int, String)?
    for c in candidates where c != name {
        let cs = Array(c.unicodeScalars)
        if abs(cs.count - target.count) > 2 { continue }
        let d = levenshtein(target, cs)
        guard d >= 1, d <= 2 else { continue }
        if let b = best {
            if d < b.0 || (d == b.0 && c < b.1) { best = (d, c) }
        } else {
            best = (d, c)
        }
    }
    return best?.1
}

func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
