import Testing
import WritTypes

@Suite struct WTypeTests {
    @Test func optionalIsNormalised() {
        #expect(WType.optional(of: .optional(.int)) == .optional(.int))
        #expect(WType.optional(of: .int) == .optional(.int))
    }

    @Test func concreteness() {
        #expect(WType.array(.int).isConcrete)
        #expect(!WType.array(.typeParameter(TypeParameterID(0))).isConcrete)
        #expect(!WType.dictionary(.string, .error).isConcrete)
    }
}
