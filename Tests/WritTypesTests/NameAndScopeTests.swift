import Testing
import WritTypes

/// §3.2, §5: names, scopes, shadowing, mutability.
@Suite struct NameAndScopeTests {
    @Test func hoistedFunctionsAndForwardReferences() {
        expectChecks("""
            print(double(21))
            func double(x: int) -> int { return x * 2 }
            func even(n: int) -> bool { if n == 0 { return true }; return odd(n - 1) }
            func odd(n: int) -> bool { if n == 0 { return false }; return even(n - 1) }
            print(even(10))
            """)
    }

    @Test func functionsSeeLaterGlobals() {
        expectChecks("""
            func show() { print(later) }
            let later = 5
            show()
            """)
    }

    @Test func topLevelCodeDoesNotSeeLaterGlobals() {
        expectError("""
            print(@@later)
            let later = 5
            """, "undefined variable 'later'")
    }

    @Test func ownInitializerSeesOuterName() {
        expectChecks("""
            let x = 1
            if true {
                let x = x * 10
                print(x)
            }
            """)
        expectError("""
            func f() {
                let y = @@y + 1
            }
            """, "undefined variable 'y'")
    }

    @Test func shadowingInInnerScope() {
        expectChecks("""
            let x = 1
            if true {
                let x = "inner"
                print(x)
            }
            func f(a: int) {
                let a = "shadowed parameter"
                print(a)
            }
            """)
    }

    @Test func duplicateInSameScope() {
        expectError("""
            func f() {
                let a = 1
                var @@a = 2
            }
            """, "duplicate declaration of 'a'")
        expectError("""
            let top = 1
            func @@top() {}
            """, "duplicate declaration of 'top'")
        expectError("""
            func f() {}
            func @@f() {}
            """, "duplicate declaration of 'f'")
    }

    @Test func undefinedVariableWithSuggestion() {
        expectError("""
            let health = 10
            print(@@helth)
            """, "undefined variable 'helth'", help: "did you mean 'health'?")
        // Ties go to the alphabetically first name.
        expectError("""
            let bc = 1
            let ac = 2
            print(@@xc)
            """, "undefined variable 'xc'", help: "did you mean 'ac'?")
        // Distance 3: no suggestion.
        expectError("""
            let health = 10
            print(@@hxxxx)
            """, "undefined variable 'hxxxx'", help: nil)
    }

    @Test func undefinedFunction() {
        expectError("""
            func greet() {}
            @@gret()
            """, "undefined function 'gret'", help: "did you mean 'greet'?")
    }

    @Test func letAndConstAreImmutable() {
        expectError("""
            let a = 1
            @@a = 2
            """, "cannot assign to immutable variable 'a'")
        expectError("""
            const MAX = 3
            @@MAX = 4
            """, "cannot assign to constant 'MAX'")
        expectError("""
            func f(p: int) { @@p = 1 }
            """, "cannot assign to immutable variable 'p'")
        expectError("""
            for i in 0..3 { @@i = 1 }
            """, "cannot assign to immutable variable 'i'")
        expectChecks("""
            var a = 1
            a = 2
            a += 3
            let xs = [1]
            xs.push(2)
            """)
    }

    @Test func constantExpressions() {
        expectChecks("""
            const A = 10
            const B = A * 2 + 1
            const S = "v" .. B .. true
            const F: float = 3
            const C = B > 5 ? "big" : "small"
            print(A, B, S, F, C)
            """)
        expectError("""
            func f() -> int { return 1 }
            const X = @@f()
            """, "const initializer must be a constant expression")
        expectError("""
            const X = @@9223372036854775807 + 1
            """, "integer overflow in constant expression")
        expectError("""
            const X = @@1 / 0
            """, "division by zero in constant expression")
    }

    @Test func builtinTypeNamesCannotBeDeclared() {
        expectError("class @@int {}", "cannot declare a type named 'int'")
    }

    @Test func standardLibraryNamesCanBeShadowed() {
        expectChecks("""
            func print(x: int) -> int { return x }
            let y: int = print(3)
            """)
    }
}

@Suite struct SuggestionTests {
    @Test func unknownTypes() {
        expectError("""
            class Player {}
            let p: @@Playr = Player()
            """, "unknown type 'Playr'", help: "did you mean 'Player'?")
        expectError("""
            let xs: Array<@@strng> = []
            """, "unknown type 'strng'", help: "did you mean 'string'?")
    }

    @Test func membersFieldsAndArguments() {
        expectError("""
            struct Point { public x: int
                public y: int }
            let p = Point(1, 2)
            print(p.@@z)
            """, "'Point' has no member 'z'")
        expectError("""
            class Player { public health: int = 1 }
            print(Player().@@helth)
            """, "'Player' has no member 'helth'", help: "did you mean 'health'?")
        expectError("""
            func f(level: int) {}
            f(@@levl: 1)
            """, "'f' has no parameter 'levl'", help: "did you mean 'level'?", only: false)
        expectError("""
            class P { public name: string }
            let p = P(@@nme: "x")
            """, "'P' has no field 'nme'", help: "did you mean 'name'?", only: false)
    }

    @Test func exportSuggestion() {
        expectError("""
            import { @@wepon } from "items"
            """, "'wepon' is not exported by 'items'", help: "did you mean 'weapon'?",
            files: ["items.writ": "export let weapon = 1"])
    }
}
