// Start-up benchmark (issue 12): what a large watchlist costs a command before it
// does anything. For watchlists of 1,000 / 10,000 / 50,000 / 100,000 entities
// (GeneratedWatchlist: about two names an entity, tags, kinds, a few rules over
// @tag:, @kind: and #lists), each in a folder of its own with a feeds.conf of one
// local file feed, it runs the real binary as cron would and reports, from GNU
// time, the wall time and peak RSS of:
//
// - `feedwatch poll` cold: no compiled rules beside the state (the first poll
//   after an edit of the rules, or ever);
// - `feedwatch poll` warm: the rules unchanged since the last poll;
// - `feedwatch alerts --limit 1`, which needs no rules at all.
//
// Each figure is the best of `--runs` runs (the machine is shared and noisy).
//
// Usage: startup-benchmark [--feedwatch PATH] [--sizes 1000,10000] [--runs N] [--keep]
//        startup-benchmark --write-watchlist DIR --entities N   (the rules only, for other benchmarks)
import BenchmarkSupport
import Foundation

let arguments = BenchmarkArguments()
for word in arguments.words where word.hasPrefix("--") {
    let known = [
        "--feedwatch", "--sizes", "--runs", "--keep", "--write-watchlist", "--entities",
    ]
    if !known.contains(word) { show("unknown argument \(word)") }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("startup-benchmark: \(message)\n".utf8))
    exit(2)
}

func write(_ text: String, to url: URL) {
    do {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(url.path): \(error)")
    }
}

/// The watchlist and rules files of `watchlist` in `rules`.
func writeRules(_ watchlist: GeneratedWatchlist, into rules: URL) {
    write(watchlist.watchlistSource, to: rules.appendingPathComponent("watchlist.rules"))
    write(watchlist.rulesSource, to: rules.appendingPathComponent("rules.rules"))
}

if let target = arguments.value(of: "--write-watchlist") {
    let watchlist = GeneratedWatchlist(entities: arguments.integer("--entities", default: 50_000))
    writeRules(watchlist, into: URL(fileURLWithPath: target, isDirectory: true))
    show("\(watchlist.entities) entities, \(watchlist.names) names in \(target)")
    exit(0)
}

let feedwatch = URL(
    fileURLWithPath: arguments.value(of: "--feedwatch") ?? ".build/release/feedwatch"
).standardizedFileURL
guard FileManager.default.isExecutableFile(atPath: feedwatch.path) else {
    fail("no feedwatch binary at \(feedwatch.path): build it with `swift build -c release`")
}
guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
    fail("GNU time (/usr/bin/time) is missing: `make bench-deps` installs it")
}
let sizes =
    arguments.value(of: "--sizes")?.split(separator: ",").compactMap { Int($0) }
    ?? [1_000, 10_000, 50_000, 100_000]
let runs = max(1, arguments.integer("--runs", default: 3))
let keep = arguments.has("--keep")

/// Wall seconds and peak RSS of one run of the binary.
struct Measurement {
    var seconds: Double
    var kilobytes: Int

    var megabytes: Double { Double(kilobytes) / 1024 }

    static func best(_ all: [Measurement]) -> Measurement {
        Measurement(
            seconds: all.map(\.seconds).min() ?? 0, kilobytes: all.map(\.kilobytes).min() ?? 0)
    }
}

/// Runs `feedwatch ARGUMENTS` in `folder` under GNU time; exits on a failure.
func measure(_ commandArguments: [String], in folder: URL) -> Measurement {
    let timing = folder.appendingPathComponent("time.out")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%e %M", "-o", timing.path, feedwatch.path] + commandArguments
    process.currentDirectoryURL = folder
    let errors = folder.appendingPathComponent("stderr.log")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try? FileHandle(forWritingTo: errors)
    do {
        try process.run()
    } catch {
        fail("cannot run \(feedwatch.path): \(error)")
    }
    process.waitUntilExit()
    let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
        fail(
            "`feedwatch \(commandArguments.joined(separator: " "))` exited \(process.terminationStatus):\n\(log)"
        )
    }
    let fields = ((try? String(contentsOf: timing, encoding: .utf8)) ?? "")
        .split(whereSeparator: \.isWhitespace)
    guard fields.count >= 2, let seconds = Double(fields[0]), let kilobytes = Int(fields[1]) else {
        fail("cannot read GNU time's output in \(timing.path)")
    }
    return Measurement(seconds: seconds, kilobytes: kilobytes)
}

/// The files beside the state that hold compiled rules: removed for a cold start.
func removeCompiledRules(in folder: URL) {
    let state = folder.appendingPathComponent("state")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? []
    for name in names where name.hasSuffix(".compiled-rules") {
        try? FileManager.default.removeItem(at: state.appendingPathComponent(name))
    }
}

func megabytesOnDisk(_ url: URL) -> Double {
    let enumerator = FileManager.default.enumerator(
        at: url, includingPropertiesForKeys: [.fileSizeKey])
    var bytes = 0
    while let file = enumerator?.nextObject() as? URL {
        bytes += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }
    return Double(bytes) / 1_048_576
}

struct Row {
    var entities: Int
    var names: Int
    var rulesMegabytes: Double
    var cold: Measurement
    var warm: Measurement
    var alerts: Measurement
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}

func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent(
    "feedwatch-startup-\(getpid())", isDirectory: true)
show("startup-benchmark: \(feedwatch.path), best of \(runs) runs; work in \(root.path)")
var rows: [Row] = []
for size in sizes {
    let folder = root.appendingPathComponent("\(size)", isDirectory: true)
    let watchlist = GeneratedWatchlist(entities: size)
    writeRules(watchlist, into: folder.appendingPathComponent("rules", isDirectory: true))
    write(
        """
        [monitor]
        state = state/feedwatch.db
        alert-log = alerts.jsonl

        [feed wire]
        url = file:wire.xml

        """, to: folder.appendingPathComponent("feeds.conf"))
    write(
        """
        <rss version="2.0"><channel><title>Wire</title>
        <item><guid>a</guid><title>Ambush near the border crossing</title></item>
        </channel></rss>

        """, to: folder.appendingPathComponent("wire.xml"))
    let poll = ["poll", "--all"]
    var cold: [Measurement] = []
    for _ in 0..<runs {
        removeCompiledRules(in: folder)
        cold.append(measure(poll, in: folder))
    }
    // The last cold run left the compiled rules: every poll from here is warm.
    let warm = (0..<runs).map { _ in measure(poll, in: folder) }
    let alerts = (0..<runs).map { _ in measure(["alerts", "--limit", "1"], in: folder) }
    let row = Row(
        entities: size, names: watchlist.names,
        rulesMegabytes: megabytesOnDisk(folder.appendingPathComponent("rules")),
        cold: .best(cold), warm: .best(warm), alerts: .best(alerts))
    rows.append(row)
    show(
        "  \(size) entities (\(watchlist.names) names, \(format(row.rulesMegabytes, 1)) MB of rules): "
            + "poll cold \(format(row.cold.seconds)) s \(format(row.cold.megabytes, 0)) MB, "
            + "warm \(format(row.warm.seconds)) s \(format(row.warm.megabytes, 0)) MB; "
            + "alerts --limit 1 \(format(row.alerts.seconds)) s \(format(row.alerts.megabytes, 0)) MB"
    )
    if !keep { try? FileManager.default.removeItem(at: folder) }
}
if !keep { try? FileManager.default.removeItem(at: root) }

show("")
show(
    "entities |   names | rules MB || poll cold s |    MB || poll warm s |    MB || alerts --limit 1 s |    MB"
)
for row in rows {
    show(
        "\(pad("\(row.entities)", 8)) | \(pad("\(row.names)", 7)) | \(pad(format(row.rulesMegabytes, 1), 8)) || "
            + "\(pad(format(row.cold.seconds), 11)) | \(pad(format(row.cold.megabytes, 0), 5)) || "
            + "\(pad(format(row.warm.seconds), 11)) | \(pad(format(row.warm.megabytes, 0), 5)) || "
            + "\(pad(format(row.alerts.seconds), 18)) | \(pad(format(row.alerts.megabytes, 0), 5))"
    )
}
show("")
var passed = true
if let target = rows.first(where: { $0.entities == 50_000 }) {
    let warmFast = target.warm.seconds < 0.3 && target.warm.megabytes < 100
    passed = passed && warmFast
    show(
        "target: warm poll at 50,000 entities under 0.3 s and 100 MB: "
            + "\(format(target.warm.seconds)) s, \(format(target.warm.megabytes, 0)) MB  \(warmFast ? "PASS" : "FAIL")"
    )
}
let alertsFlat = rows.allSatisfy { $0.alerts.seconds < 0.3 && $0.alerts.megabytes < 100 }
passed = passed && alertsFlat
show(
    "target: `alerts --limit 1` pays nothing for the watchlist (under 0.3 s and 100 MB at every size): "
        + "\(alertsFlat ? "PASS" : "FAIL")")
show("SUMMARY startup: \(passed ? "PASS" : "FAIL")")
exit(passed ? 0 : 1)
