// The engine's micro-benchmarks (design.md §10, issue 6): the hot interpreter loop, the
// reference-counting tiers, compile time, VM creation and host-to-script calls, each
// under every dispatch strategy. Every script benchmark compiles and loads its program
// outside the measurement and then measures calls of one script function, so the numbers
// are the workload's, not the set-up's. Wall time, instructions and mallocs per run.
//
// Run from Benchmarks/: `swift package benchmark` (or `--filter 'loops.*'`).

import Benchmark
import Writ

/// Script workloads: the function `run(n)` does `n` units of the work its name says.
let workloads: [(name: String, argument: Int64, source: String)] = [
    ("calls.fib", 20, """
        func fib(n: int) -> int {
            if n < 2 { return n }
            return fib(n - 1) + fib(n - 2)
        }
        func run(n: int) -> int { return fib(n) }
        """),
    ("loops.int", 100_000, """
        func run(n: int) -> int {
            var sum = 0
            for i in 0..n { sum = sum + i % 7 }
            return sum
        }
        """),
    ("loops.float", 20_000, """
        func run(n: int) -> float {
            var x = 0.0
            var v = 1.0
            for i in 0..n {
                x = x + v * 0.01
                v = v - x * 0.01
            }
            return x
        }
        """),
    ("branches", 100_000, """
        func run(n: int) -> int {
            var count = 0
            for i in 0..n {
                if i % 3 == 0 { count += 1 } else if i % 5 == 0 { count += 2 } else { count -= 1 }
            }
            return count
        }
        """),
    ("refcount.alloc-free", 20_000, """
        class Node {
            public value: int
            public next: Optional<Node>
        }
        func run(n: int) -> int {
            var total = 0
            for i in 0..n {
                let node = Node(i, null)
                total += node.value
            }
            return total
        }
        """),
    ("refcount.fields", 50_000, """
        class Point {
            public x: int
            public y: int
        }
        func run(n: int) -> int {
            let p = Point(1, 2)
            for i in 0..n {
                p.x = p.y + i
                p.y = p.x - i
            }
            return p.x + p.y
        }
        """),
    ("refcount.array-of-refs", 1_000, """
        class Item { public id: int }
        func run(n: int) -> int {
            let items: Array<Item> = []
            for i in 0..100 { items.push(Item(i)) }
            var total = 0
            for round in 0..n {
                let copy = items.map((it: Item) => it)
                total += copy.length
            }
            return total
        }
        """),
    ("refcount.weak-reads", 50_000, """
        class Target { public v: int }
        class Holder { public weak target: Optional<Target> }
        func run(n: int) -> int {
            let t = Target(3)
            let h = Holder()
            h.target = t
            var total = 0
            for i in 0..n { total += h.target?.v ?? 0 }
            return total
        }
        """),
]

/// A program of about 1,000 lines: functions, classes, loops and strings.
func thousandLines() -> String {
    var text = "class Counter {\n    public n: int\n    public func add(k: int) -> int {\n        n += k\n        return n\n    }\n}\n"
    var index = 0
    while text.split(separator: "\n", omittingEmptySubsequences: false).count < 1_000 {
        text += """
            func work\(index)(a: int, b: float) -> string {
                var total = a
                for i in 0..a {
                    if i % 2 == 0 { total += i } else { total -= 1 }
                }
                let c = Counter(total)
                let label = "result ${c.add(\(index))} and ${b * 2.0}"
                return label .. "!"
            }

            """
        index += 1
    }
    return text + "print(work0(3, 1.5))\n"
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal],
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    for dispatch in EngineConfiguration.Dispatch.allCases {
        let engine = WritEngine(configuration: EngineConfiguration(dispatch: dispatch))

        for workload in workloads {
            Benchmark("\(workload.name) [\(dispatch)]") { benchmark in
                let vm = WritVM(engine: engine)
                try vm.load(try engine.compile(source: workload.source))
                let run = try vm.function("run")
                let arguments: [WritValue] = [.int(workload.argument)]
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try vm.call(run, arguments))
                }
                benchmark.stopMeasurement()
                _ = vm.shutDown()
            }
        }

        // One host-to-script call of a function that does almost nothing.
        Benchmark("host-call [\(dispatch)]", configuration: .init(scalingFactor: .kilo)) { benchmark in
            let vm = WritVM(engine: engine)
            try vm.load(try engine.compile(source: "func add(a: int, b: int) -> int { return a + b }"))
            let add = try vm.function("add")
            let arguments: [WritValue] = [.int(1), .int(2)]
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try vm.call(add, arguments))
            }
            benchmark.stopMeasurement()
        }

        // Creating a VM and loading a small compiled module (top-level code included).
        Benchmark("vm-creation [\(dispatch)]") { benchmark in
            let module = try engine.compile(source: """
                class Config { public name: string; public level: int }
                let config = Config("default", 3)
                func level() -> int { return config.level }
                """)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let vm = WritVM(engine: engine)
                try vm.load(module)
                blackHole(vm.shutDown())
            }
            benchmark.stopMeasurement()
        }
    }

    // Source to bytecode (lex, parse, check, lower, passes, emit) of 1,000 lines; the
    // strategy does not matter here. A fresh engine per run, so nothing is cached.
    Benchmark("compile.1000-lines") { benchmark in
        let source = thousandLines()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try WritEngine().compile(source: source))
        }
        benchmark.stopMeasurement()
    }
}
