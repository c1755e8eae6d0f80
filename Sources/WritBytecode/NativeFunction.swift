/// The standard library functions the VM implements natively (language.md §19, §25), called
/// with `call.native`. Arguments are read from consecutive slots; results are written to
/// consecutive slots. Reference results are owned (+1), reference arguments borrowed.
///
/// The numbering is part of the stored format: add new functions at the end and bump
/// `FileFormat.version`.
package enum NativeFunction: UInt16, CaseIterable, Sendable {
    // Math (§25.2)
    case sqrt, sin, cos, tan, atan2, exp, log, pow, floor, ceil, round
    case absInt, absFloat, minInt, maxInt, minFloat, maxFloat, clampInt, clampFloat
    // Conversions (§19.3): Optional<int> / Optional<float> results are [has value][value].
    case parseInt, parseFloat
    // Strings (§19.2)
    case stringLength, stringIsEmpty, stringToUpper, stringToLower, stringTrim, stringTrimStart, stringTrimEnd
    case stringContains, stringStartsWith, stringEndsWith, stringIndexOf, stringSubstring, stringCharAt
    case stringReplace
    // Collections (§18.1, §19.2); array results are new arrays, counted
    case arraySlice, arrayReverse, arraySortInts, arraySortFloats, arraySortStrings
    case arrayIndexOfInt, arrayIndexOfFloat, arrayIndexOfString, arrayIndexOfByte, arrayJoinStrings
    case stringSplit, stringChars
    // Print forms (§24): a string quoted and escaped for the nested form; a class name
    case stringQuoted

    /// What a slot of a native's signature holds.
    package enum Value: Sendable, Hashable {
        case int, float, bool, string
        /// Any counted object (an array, for the collection natives).
        case object

        package var isReference: Bool { self == .string || self == .object }
    }

    package struct Signature: Sendable {
        package var name: String
        package var parameters: [Value]
        /// Result slots; an Optional scalar result is `[.bool, value]`.
        package var results: [Value]
        package var canFault: Bool
    }

    package var signature: Signature {
        func s(_ name: String, _ parameters: [Value], _ results: [Value], faults: Bool = false) -> Signature {
            Signature(name: name, parameters: parameters, results: results, canFault: faults)
        }
        switch self {
        case .sqrt: return s("sqrt", [.float], [.float])
        case .sin: return s("sin", [.float], [.float])
        case .cos: return s("cos", [.float], [.float])
        case .tan: return s("tan", [.float], [.float])
        case .atan2: return s("atan2", [.float, .float], [.float])
        case .exp: return s("exp", [.float], [.float])
        case .log: return s("log", [.float], [.float])
        case .pow: return s("pow", [.float, .float], [.float])
        case .floor: return s("floor", [.float], [.float])
        case .ceil: return s("ceil", [.float], [.float])
        case .round: return s("round", [.float], [.float])
        case .absInt: return s("abs", [.int], [.int], faults: true)
        case .absFloat: return s("abs", [.float], [.float])
        case .minInt: return s("min", [.int, .int], [.int])
        case .maxInt: return s("max", [.int, .int], [.int])
        case .minFloat: return s("min", [.float, .float], [.float])
        case .maxFloat: return s("max", [.float, .float], [.float])
        case .clampInt: return s("clamp", [.int, .int, .int], [.int])
        case .clampFloat: return s("clamp", [.float, .float, .float], [.float])
        case .parseInt: return s("parseInt", [.string], [.bool, .int])
        case .parseFloat: return s("parseFloat", [.string], [.bool, .float])
        case .stringLength: return s("string.length", [.string], [.int])
        case .stringIsEmpty: return s("string.isEmpty", [.string], [.bool])
        case .stringToUpper: return s("string.toUpper", [.string], [.string])
        case .stringToLower: return s("string.toLower", [.string], [.string])
        case .stringTrim: return s("string.trim", [.string], [.string])
        case .stringTrimStart: return s("string.trimStart", [.string], [.string])
        case .stringTrimEnd: return s("string.trimEnd", [.string], [.string])
        case .stringContains: return s("string.contains", [.string, .string], [.bool])
        case .stringStartsWith: return s("string.startsWith", [.string, .string], [.bool])
        case .stringEndsWith: return s("string.endsWith", [.string, .string], [.bool])
        case .stringIndexOf: return s("string.indexOf", [.string, .string], [.int])
        case .stringSubstring: return s("string.substring", [.string, .int, .int], [.string])
        case .stringCharAt: return s("string.charAt", [.string, .int], [.string], faults: true)
        case .stringReplace: return s("string.replace", [.string, .string, .string], [.string])
        case .arraySlice: return s("array.slice", [.object, .int, .int], [.object])
        case .arrayReverse: return s("array.reverse", [.object], [])
        case .arraySortInts: return s("array.sort", [.object], [])
        case .arraySortFloats: return s("array.sort", [.object], [])
        case .arraySortStrings: return s("array.sort", [.object], [])
        case .arrayIndexOfInt: return s("array.indexOf", [.object, .int], [.int])
        case .arrayIndexOfFloat: return s("array.indexOf", [.object, .float], [.int])
        case .arrayIndexOfString: return s("array.indexOf", [.object, .string], [.int])
        case .arrayIndexOfByte: return s("array.indexOf", [.object, .bool], [.int])
        case .arrayJoinStrings: return s("array.join", [.object, .string], [.string])
        // The last argument is the type index of the result array (Array<string>).
        case .stringSplit: return s("string.split", [.string, .string, .int], [.object])
        case .stringChars: return s("string.chars", [.string, .int], [.object])
        case .stringQuoted: return s("string.quoted", [.string], [.string])
        }
    }
}
