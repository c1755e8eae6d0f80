/// The standard library operations a `TypedCall` can target (language.md §18, §19, §22, §25).
///
/// Receiver convention: members (`xs.push(x)`, `s.length`, `o.hasValue`, `v.toString()`)
/// have `TypedCall.receiver` set; free functions (`print`, `sqrt`) have none. Properties
/// (`length`, `hasValue`, `value`) are calls with no arguments. Argument types are the
/// ones listed; `T` is the array's element type, `K`/`V` the dictionary's key and value
/// types (the receiver's static type says which).
///
/// The constants `PI`, `TAU` and `INFINITY` never appear: they are folded to
/// `floatLiteral`s. The wait functions appear only inside `TypedYield`.
package enum Builtin: String, Sendable, Hashable, CaseIterable {
    // MARK: Core (§25.1)
    /// `print(v1, v2, …)`: any number of arguments of any non-void types (each keeps its type).
    case print
    /// `assert(cond: bool, message: string)`
    case assert
    /// `destroy(obj)`: argument is a class instance or trait value (its static type says which).
    case destroy
    /// `frameCount() -> int`
    case frameCount
    /// `parseInt(s: string) -> Optional<int>`
    case parseInt
    /// `parseFloat(s: string) -> Optional<float>`
    case parseFloat

    // MARK: Math (§25.2); `Int` variants take and return `int`, `Float` variants `float`
    case absInt, absFloat
    case minInt, minFloat
    case maxInt, maxFloat
    case clampInt, clampFloat
    case floor, ceil, round, sqrt, pow, sin, cos, tan, atan2, exp, log

    // MARK: Any value
    /// `v.toString()` on a value whose type has no user `toString` method: its print form
    /// (top-level form). The receiver keeps its own type.
    case toString

    // MARK: Result (§16)
    /// `Success(v)`: one argument of the payload type; the call's type is `Result<T>`.
    case resultSuccess
    /// `Error(m)`: one `string` argument; the call's type is `Result<T>`.
    case resultError
    /// The success value of a Result receiver known to be a `Success` (pattern bindings only).
    case resultValue
    /// The message of a Result receiver known to be an `Error` (pattern bindings only).
    case resultErrorMessage

    // MARK: Optional (§15.2)
    /// `o.hasValue -> bool`
    case optionalHasValue
    /// `o.value -> T` (runtime error `unwrapped a null value`)
    case optionalValue

    // MARK: Array (§18.1)
    case arrayLength, arrayIsEmpty, arrayPush, arrayPop, arrayInsert, arrayRemove
    case arrayContains, arrayIndexOf, arrayFirst, arrayLast, arraySlice, arrayReverse
    /// `sort()` on `int`, `float` or `string` elements.
    case arraySort
    /// `sort(less: (T, T) -> bool)`
    case arraySortBy
    /// `map(f: (T) -> U) -> Array<U>` (U is the call's type's element)
    case arrayMap
    case arrayFilter
    /// `reduce(initial: U, f: (U, T) -> U) -> U`
    case arrayReduce
    case arrayForEach
    case arrayJoin

    // MARK: Dictionary (§18.2)
    case dictionaryLength, dictionaryIsEmpty, dictionaryHas, dictionaryGet, dictionaryRemove
    case dictionaryKeys, dictionaryValues, dictionaryMerge

    // MARK: String (§19.2)
    case stringLength, stringIsEmpty, stringToUpper, stringToLower
    case stringTrim, stringTrimStart, stringTrimEnd
    case stringContains, stringStartsWith, stringEndsWith, stringIndexOf
    case stringSubstring, stringCharAt, stringChars, stringSplit, stringReplace
}
