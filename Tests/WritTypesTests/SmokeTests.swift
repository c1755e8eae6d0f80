import Testing
import WritTypes

@Suite struct SmokeTests {
    @Test func helloWorld() {
        expectChecks("print(\"hello\")")
    }

    @Test func didYouMean() {
        expectError("""
            let health = 10
            print(@@helth)
            """, "undefined variable 'helth'", help: "did you mean 'health'?")
    }
}
