import Foundation
import Testing

/// `Benchmarks/compare --report` on the recorded runner results in `Benchmarks/samples/`:
/// the tables it writes carry the sample's medians (checked against the raw times), its ratios
/// and geometric means are the ones recomputed here from the raw JSON, and the chart has one
/// bar per benchmark and peer with those ratios.
@Suite struct CompareScriptTests {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // BenchmarkToolTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// Every recorded sample: a folder of `Benchmarks/samples/` holding one runner result
    /// folder per dispatch strategy.
    static func samples() throws -> [URL] {
        let root = repo.appendingPathComponent("Benchmarks/samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return names.map { root.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
    }

    /// Runs the script with `--report SAMPLE --output DIR` and returns DIR.
    static func generate(from sample: URL) throws -> URL {
        let out = FileManager.default.temporaryDirectory
            .appendingPathComponent("compare-test-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repo.appendingPathComponent("Benchmarks/compare").path,
                             "--report", sample.path, "--output", out.path]
        process.currentDirectoryURL = repo
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "Benchmarks/compare --report failed: \(message)")
        return out
    }

    /// The median of raw times, as the runner defines it (the middle one, or the mean of the
    /// two middle ones).
    static func median(_ times: [Double]) -> Double {
        let s = times.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// One strategy's run, read straight from the runner's files: `meta.txt` (benchmark
    /// order), `peers.tsv`, `checks.tsv` (checksum verdicts) and one `BENCH.json` per benchmark.
    struct Run {
        var strategy: String
        var isDefault: Bool
        /// Benchmarks in the runner's order (`benches=` of meta.txt).
        var benches: [String] = []
        var peers: [String] = []
        var medians: [String: [String: Double]] = [:]
        var times: [String: [String: [Double]]] = [:]
        /// The runner's checksum verdict by benchmark and peer: ok, approx, mismatch, error.
        var verdicts: [String: [String: String]] = [:]

        init(folder: URL) throws {
            let compare = try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("compare.json"))) as? [String: Any]
            strategy = compare?["strategy"] as? String ?? folder.lastPathComponent
            isDefault = compare?["default"] as? Bool ?? false
            let meta = try String(contentsOf: folder.appendingPathComponent("meta.txt"), encoding: .utf8)
            for line in meta.split(separator: "\n") where line.hasPrefix("benches=") {
                benches = line.dropFirst("benches=".count).split(separator: " ").map(String.init)
            }
            let peerLines = try String(contentsOf: folder.appendingPathComponent("peers.tsv"), encoding: .utf8)
            peers = peerLines.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
            let checks = try String(contentsOf: folder.appendingPathComponent("checks.tsv"), encoding: .utf8)
            for line in checks.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if f.count >= 3 { verdicts[f[0], default: [:]][f[1]] = f[2] }
            }
            for bench in benches {
                let file = folder.appendingPathComponent("\(bench).json")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
                for result in json?["results"] as? [[String: Any]] ?? [] {
                    guard let peer = result["command"] as? String,
                          let median = (result["median"] as? NSNumber)?.doubleValue else { continue }
                    medians[bench, default: [:]][peer] = median
                    times[bench, default: [:]][peer] = (result["times"] as? [NSNumber] ?? []).map(\.doubleValue)
                }
            }
        }

        func ratio(_ bench: String, _ peer: String) -> Double? {
            guard let w = medians[bench]?["writ"], let p = medians[bench]?[peer] else { return nil }
            return w / p
        }

        /// Benchmarks in a geometric mean against `peer`: timed for writ and the peer, in the
        /// runner's order (`native_call_ffi` never: it has no writ version).
        func meanBenches(_ peer: String) -> [String] {
            benches.filter { $0 != "native_call_ffi" && ratio($0, peer) != nil }
        }

        /// The geometric mean of writ/peer over `meanBenches(peer)`.
        func geomean(_ peer: String) -> Double {
            let ratios = meanBenches(peer).compactMap { ratio($0, peer) }
            return exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
        }

        /// The seconds cell the notes should show for `peer` on `bench`: the median with three
        /// decimals, ≈ / ✗ for an approximate / wrong checksum, † on writ's coroutine_switch.
        func secondsCell(_ bench: String, _ peer: String) -> String? {
            let verdict = verdicts[bench]?[peer]
            if verdict == "error" { return "error" }
            guard let m = medians[bench]?[peer] else { return nil }
            var cell = CompareScriptTests.f(m, 3)
            if verdict == "approx" { cell += " ≈" }
            if verdict == "mismatch" { cell += " ✗" }
            if peer == "writ" && bench == "coroutine_switch" { cell += " †" }
            return cell
        }
    }

    static func defaultRun(_ runs: [Run]) -> Run? {
        runs.first { $0.isDefault }
    }

    static func runs(in sample: URL) throws -> [Run] {
        try FileManager.default.contentsOfDirectory(atPath: sample.path).sorted()
            .map { sample.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("meta.txt").path) }
            .map { try Run(folder: $0) }
    }

    /// The Markdown table that follows `heading` (header cells, then rows keyed by first cell).
    static func table(after heading: String, in markdown: String) throws -> (header: [String], rows: [String: [String]]) {
        let lines = markdown.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: heading), "no heading \(heading)")
        var tableLines: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("|") { tableLines.append(line) } else if !tableLines.isEmpty { break }
        }
        func cells(_ line: String) -> [String] {
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        try #require(tableLines.count >= 3, "no table after \(heading)")
        var rows: [String: [String]] = [:]
        for line in tableLines.dropFirst(2) {
            let c = cells(line)
            rows[c[0]] = c
        }
        return (cells(tableLines[0]), rows)
    }

    static func cell(_ table: (header: [String], rows: [String: [String]]), row: String, column: String) throws -> String {
        let r = try #require(table.rows[row], "no row \(row)")
        let i = try #require(table.header.firstIndex(of: column), "no column \(column) in \(table.header)")
        return r[i]
    }

    static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// The ratio columns of the notes (the script's RATIO_BASES) and the chart's peers.
    static let ratioPeers = ["lua5.4", "luajit-joff", "luajit", "c-O2", "wasmkit"]
    static let chartPeers = ["lua5.4", "luajit-joff", "c-O2"]

    @Test func theSampleIsRecorded() throws {
        let samples = try Self.samples()
        #expect(!samples.isEmpty, "Benchmarks/samples holds no recorded run")
        for sample in samples {
            let runs = try Self.runs(in: sample)
            #expect(runs.count >= 2, "\(sample.lastPathComponent): at least two strategies")
            #expect(runs.filter(\.isDefault).count == 1, "\(sample.lastPathComponent): one default strategy")
            for run in runs {
                // The cases the notes mark: an approximate float checksum, the † benchmark, and
                // a program with no writ version.
                for bench in ["fib", "coroutine_switch", "native_call", "native_call_ffi"] {
                    #expect(run.benches.contains(bench), "\(run.strategy): \(bench) recorded")
                }
                for peer in ["writ"] + Self.chartPeers {
                    #expect(run.peers.contains(peer), "\(run.strategy): \(peer) timed")
                }
                #expect(run.medians["native_call_ffi"]?["writ"] == nil)
                // Every median is the median of the raw times recorded beside it.
                for (bench, byPeer) in run.medians {
                    for (peer, m) in byPeer {
                        let times = run.times[bench]?[peer] ?? []
                        #expect(times.count >= 3, "\(run.strategy) \(bench)/\(peer): at least 3 timed runs")
                        #expect(abs(Self.median(times) - m) <= 1e-12 * m,
                                "\(run.strategy) \(bench)/\(peer): median \(m) of \(times)")
                    }
                }
            }
        }
    }

    @Test func tablesCarryTheSampleMediansAndRatios() throws {
        for sample in try Self.samples() {
            let runs = try Self.runs(in: sample)
            let main = try #require(Self.defaultRun(runs), "no default strategy")
            let out = try Self.generate(from: sample)
            defer { try? FileManager.default.removeItem(at: out) }
            let md = try String(contentsOf: out.appendingPathComponent("benchmarks.md"), encoding: .utf8)
            #expect(md.contains("](benchmarks.svg)"), "the notes link the chart")
            #expect(md.contains("## Machine and run") && md.contains("Load average"))
            #expect(md.contains("below 1 writ is faster"))

            // Median seconds: peers from the default strategy's run, writ from each run.
            let seconds = try Self.table(after: "## Median seconds", in: md)
            let peers = main.peers.filter { $0 != "writ" }
            // Columns: the default run's peers, then writ per strategy, the default first.
            #expect(seconds.header.first == "benchmark")
            #expect(Set(seconds.header.dropFirst().prefix(peers.count)) == Set(peers))
            #expect(seconds.header.dropFirst(1 + peers.count).first == "writ \(main.strategy)")
            #expect(Set(seconds.header.dropFirst(1 + peers.count)) == Set(runs.map { "writ \($0.strategy)" }))
            #expect(seconds.rows.count == main.benches.count + 1, "one row per benchmark plus the geomean row")
            for bench in main.benches {
                for peer in peers {
                    #expect(try Self.cell(seconds, row: bench, column: peer) == main.secondsCell(bench, peer) ?? "—",
                            "\(bench) \(peer)")
                }
                for run in runs {
                    #expect(try Self.cell(seconds, row: bench, column: "writ \(run.strategy)")
                            == run.secondsCell(bench, "writ") ?? "—", "\(bench) writ \(run.strategy)")
                }
            }
            #expect(try Self.cell(seconds, row: "coroutine_switch", column: "writ \(main.strategy)").hasSuffix(" †"))
            #expect(try Self.cell(seconds, row: "native_call", column: "writ \(main.strategy)").contains("≈"),
                    "writ's shortest-form float checksum is flagged approximate")
            #expect(try Self.cell(seconds, row: "native_call_ffi", column: "writ \(main.strategy)") == "—")
            // Its geomean row: each peer and each strategy against lua5.4.
            for peer in peers {
                let ratios = main.benches.filter { $0 != "native_call_ffi" }.compactMap { bench -> Double? in
                    guard let p = main.medians[bench]?[peer], let l = main.medians[bench]?["lua5.4"] else { return nil }
                    return p / l
                }
                let g = exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
                #expect(try Self.cell(seconds, row: "*geomean, × lua5.4*", column: peer) == "*" + Self.f(g, 2) + "*")
            }
            for run in runs {
                #expect(try Self.cell(seconds, row: "*geomean, × lua5.4*", column: "writ \(run.strategy)")
                        == "*" + Self.f(run.geomean("lua5.4"), 2) + "*")
            }

            // Ratios, recomputed here from the raw medians, for every strategy and benchmark.
            for run in runs {
                let heading = "### `--dispatch \(run.strategy)`" + (run.isDefault ? " (default)" : "")
                let ratios = try Self.table(after: heading, in: md)
                let bases = Self.ratioPeers.filter(run.peers.contains)
                #expect(ratios.header == ["benchmark", "writ \(run.strategy) s"] + bases.map { "writ/\($0)" })
                #expect(ratios.rows["native_call_ffi"] == nil, "no writ version, no ratio row")
                for bench in run.benches where bench != "native_call_ffi" {
                    #expect(try Self.cell(ratios, row: bench, column: "writ \(run.strategy) s")
                            == run.secondsCell(bench, "writ"))
                    for peer in bases {
                        let expected = run.ratio(bench, peer).map { Self.f($0, 2) } ?? "—"
                        #expect(try Self.cell(ratios, row: bench, column: "writ/\(peer)") == expected,
                                "\(run.strategy): \(bench) writ/\(peer)")
                    }
                }
                for peer in bases {
                    #expect(try Self.cell(ratios, row: "*geomean*", column: "writ/\(peer)")
                            == "*" + Self.f(run.geomean(peer), 2) + "*", "\(run.strategy): geomean writ/\(peer)")
                }
            }

            // Headline: one row per strategy with the same geometric means, and the programs
            // where writ took longer than lua5.4.
            let headline = try Self.table(after: "## Headline: geometric means of writ/peer time", in: md)
            #expect(headline.rows.count == runs.count)
            for run in runs {
                let row = run.strategy + (run.isDefault ? " (default)" : "")
                for peer in Self.ratioPeers where run.peers.contains(peer) {
                    #expect(try Self.cell(headline, row: row, column: "writ/\(peer)") == Self.f(run.geomean(peer), 2))
                }
                let slower = run.meanBenches("lua5.4").filter { run.ratio($0, "lua5.4")! > 1 }
                #expect(try Self.cell(headline, row: row, column: "programs slower than lua5.4")
                        == (slower.isEmpty ? "none" : slower.joined(separator: ", ")))
            }
        }
    }

    @Test func chartHasOneBarPerBenchmarkAndPeer() throws {
        for sample in try Self.samples() {
            let main = try #require(Self.defaultRun(try Self.runs(in: sample)), "no default strategy")
            let out = try Self.generate(from: sample)
            defer { try? FileManager.default.removeItem(at: out) }
            let svg = try String(contentsOf: out.appendingPathComponent("benchmarks.svg"), encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.hasSuffix("</svg>\n"))
            #expect(svg.contains("--dispatch \(main.strategy)"), "the chart shows the default strategy")
            let benches = main.benches.filter { main.medians[$0]?["writ"] != nil }
            #expect(benches.count >= 5)
            let bars = svg.components(separatedBy: "<rect class=\"bar\" ").count - 1
            #expect(bars == benches.count * Self.chartPeers.count,
                    "one bar per benchmark and peer (\(Self.chartPeers.joined(separator: ", ")))")
            for peer in Self.chartPeers {
                for bench in benches {
                    let r = try #require(main.ratio(bench, peer))
                    let bar = "data-benchmark=\"\(bench)\" data-peer=\"\(peer)\" data-ratio=\"\(Self.f(r, 4))\""
                    #expect(svg.components(separatedBy: bar).count == 2, "exactly one \(bench) bar against \(peer)")
                }
                let g = "data-benchmark=\"geomean\" data-peer=\"\(peer)\" data-ratio=\"\(Self.f(main.geomean(peer), 4))\""
                #expect(svg.contains(g), "the geometric-mean bar against \(peer)")
            }
            #expect(!svg.contains("data-benchmark=\"native_call_ffi\""), "no bar without a writ time")
            #expect(svg.contains("<line class=\"unity\""), "the vertical line at 1.0")
        }
    }
}
