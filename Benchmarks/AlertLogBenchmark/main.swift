// The alert-log figures of issue 5, as one reproducible run (seeded: the
// same alerts every run, their times anchored to the current UTC day so that
// `--since 7d` always selects a week of them).
//
// 1. Alerts written per second with fsync: one alert per append (an fsync
//    each, the worst case) and batches of 100, through `AlertLogWriter.append`
//    and through `AlertRecorder.record` (which also updates the SQLite index
//    and marks the items seen in one transaction).
// 2. A log of 1,000,000 alerts with its index, then `feedwatch alerts` timed
//    as a user runs it (time to the first output, wall time, peak RSS),
//    against the target of under a second.
// 3. For comparison, the path the review can take through the SQLite index:
//    `SQLiteStateStore.alerts(matching:)`, then the records read at their offsets.
//
// The log is written under Benchmarks/out/ (on disk, not tmpfs, so fsync is
// real) and reused by later runs while its size, seed and day match.
//
// Build with `swift build -c release --product alertlog-benchmark`.
// Usage: alertlog-benchmark [--alerts N] [--dir DIR] [--feedwatch PATH] [--rules DIR]
//                           [--singles N] [--batches N] [--skip-cli] [--skip-throughput]
import AlertLog
import BenchmarkSupport
import FeedModel
import Foundation
import RuleEngine
import SQLiteStore
import Store

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Arguments

let arguments = BenchmarkArguments()
let alertCount = arguments.integer("--alerts", default: 1_000_000)
let singles = arguments.integer("--singles", default: 500)
let batches = arguments.integer("--batches", default: 50)
let directory = URL(
    fileURLWithPath: arguments.value(of: "--dir") ?? "Benchmarks/out/alert-log", isDirectory: true
).standardizedFileURL
let feedwatchPath = arguments.value(of: "--feedwatch") ?? ".build/release/feedwatch"
let rulesDirectory = arguments.value(of: "--rules") ?? "rules"
let runsCLI = !arguments.has("--skip-cli")
let runsThroughput = !arguments.has("--skip-throughput")

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("alertlog-benchmark: \(message)\n".utf8))
    exit(2)
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}

func remove(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
}

func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

func folderSize(_ url: URL) -> Int {
    let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
    return names.reduce(0) { total, name in
        let attributes = try? FileManager.default.attributesOfItem(
            atPath: url.appendingPathComponent(name).path)
        return total + ((attributes?[.size] as? Int) ?? 0)
    }
}

// MARK: - 1. Alerts written per second, with fsync

func measure(_ alerts: Int, _ body: () throws -> Void) rethrows -> Double {
    let started = Date()
    try body()
    return Double(alerts) / Date().timeIntervalSince(started)
}

var verdicts: [(name: String, passed: Bool, detail: String)] = []

if runsThroughput {
    let folder = directory.appendingPathComponent("throughput")
    remove(folder)
    let now = Date()
    let batchSize = 100
    // Each figure writes to a fresh log (and store) of its own.
    func freshLog(_ name: String) throws -> AlertLogWriter {
        try AlertLogWriter(path: folder.appendingPathComponent("\(name)/alerts.jsonl").path)
    }
    func freshRecorder(_ name: String) throws -> AlertRecorder {
        let store = try SQLiteStateStore(
            path: folder.appendingPathComponent("\(name)/state.db").path)
        return AlertRecorder(log: try freshLog(name), store: store, composer: NoDeliveries())
    }
    func alert(_ index: Int, feed: String? = nil) -> Alert {
        makeAlert(
            index, count: 1_000_000, start: now.addingTimeInterval(-86400), span: 86400, feed: feed)
    }
    // The alerts are made before the clock starts: only writing is timed.
    let single = (0..<singles).map { alert($0) }
    let batched = (0..<batches).map { batch in
        (0..<batchSize).map { alert(batch * batchSize + $0, feed: feeds[batch % feeds.count]) }
    }
    do {
        let logSingle = try freshLog("log-single")
        let logSingleRate = try measure(singles) {
            for alert in single { try logSingle.append([alert]) }
        }
        let logBatch = try freshLog("log-batch")
        let logBatchRate = try measure(batches * batchSize) {
            for batch in batched { try logBatch.append(batch) }
        }
        let recorderSingle = try freshRecorder("recorder-single")
        let recorderSingleRate = try measure(singles) {
            for alert in single {
                try recorderSingle.record(
                    [AlertRecorder.Notified(alert: alert, sinks: ["log"])],
                    with: PassCommit(feed: alert.feed, seenItems: [seenItem(for: alert)]))
            }
        }
        let recorderBatch = try freshRecorder("recorder-batch")
        let recorderBatchRate = try measure(batches * batchSize) {
            for batch in batched {
                try recorderBatch.record(
                    batch.map { AlertRecorder.Notified(alert: $0, sinks: ["log"]) },
                    with: PassCommit(feed: batch[0].feed, seenItems: batch.map(seenItem)))
            }
        }
        show("alert log throughput (fsync on every append, \(folder.path)):")
        show("path                          alerts/append   alerts   alerts/s   ms/append")
        for (name, perAppend, total, rate) in [
            ("AlertLogWriter.append", 1, singles, logSingleRate),
            ("AlertLogWriter.append", batchSize, batches * batchSize, logBatchRate),
            ("AlertRecorder.record (+index)", 1, singles, recorderSingleRate),
            ("AlertRecorder.record (+index)", batchSize, batches * batchSize, recorderBatchRate),
        ] {
            show(
                name.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(
                        format: "%13d %8d %10.0f %11.2f", perAppend, total, rate,
                        1000 * Double(perAppend) / rate))
        }
        show("")
    } catch {
        fail("throughput: \(error)")
    }
    remove(folder)
}

// MARK: - 2. A log of a million alerts, indexed

// Anchored to the start of the current UTC day, so the last 7 days always hold alerts.
let day: TimeInterval = 86400
let anchor = Date(
    timeIntervalSince1970: (Date().timeIntervalSince1970 / day).rounded(.down) * day)
let span = 90 * day
let start = anchor.addingTimeInterval(-span)
let review = directory.appendingPathComponent("review")
let configPath = review.appendingPathComponent("feeds.conf").path
let marker = review.appendingPathComponent("complete")
let signature = "alerts=\(alertCount) seed=\(seed) anchor=\(Int(anchor.timeIntervalSince1970))\n"

/// The schema version SQLite keeps in the database header (`PRAGMA user_version`).
func schemaVersion(_ path: String) -> UInt32? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let header = try? handle.read(upToCount: 64), header.count == 64 else { return nil }
    return header[60..<64].reduce(0) { $0 << 8 | UInt32($1) }
}

/// Whether the index was built by the current schema: opening the store read-write
/// migrates an older one, and migrated columns would be empty, so it must be rebuilt.
func indexIsCurrent() -> Bool {
    let path = review.appendingPathComponent("state/feedwatch.db").path
    let before = schemaVersion(path)
    do { _ = try SQLiteStateStore(path: path) } catch { return false }
    return before != nil && schemaVersion(path) == before
}

if (try? String(contentsOf: marker, encoding: .utf8)) == signature, indexIsCurrent() {
    show("review log: reusing \(review.path) (\(alertCount) alerts)")
} else {
    remove(review)
    do {
        try FileManager.default.createDirectory(at: review, withIntermediateDirectories: true)
        try """
        # Written by alertlog-benchmark: the review commands read this log and index.
        [monitor]
        state = state/feedwatch.db
        alert-log = alerts.jsonl

        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        // Written as the monitor writes: through the recorder (log, then index),
        // in batches of a pass's size; the log rotates every 64 MB on the way.
        let store = try SQLiteStateStore(
            path: review.appendingPathComponent("state/feedwatch.db").path)
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: review.appendingPathComponent("alerts.jsonl").path),
            store: store, composer: NoDeliveries())
        let started = Date()
        let batch = 5_000
        for first in stride(from: 0, to: alertCount, by: batch) {
            let alerts = (first..<min(alertCount, first + batch)).map {
                makeAlert($0, count: alertCount, start: start, span: span)
            }
            try recorder.record(
                alerts.map { AlertRecorder.Notified(alert: $0, sinks: ["log"]) },
                with: PassCommit(feed: "benchmark"))
        }
        let written = Date().timeIntervalSince(started)
        let indexed = try store.alertIndexCount()
        guard indexed == alertCount else {
            fail("the index holds \(indexed) alerts, not \(alertCount)")
        }
        try signature.write(to: marker, atomically: true, encoding: .utf8)
        show(
            String(
                format:
                    "review log: wrote and indexed %d alerts in %.1f s (%.0f alerts/s, batches of %d)",
                alertCount, written, Double(alertCount) / written, batch))
    } catch {
        fail("writing the review log: \(error)")
    }
}
let logFiles = AlertLogFiles(path: review.appendingPathComponent("alerts.jsonl").path)
    .chronological()
let logBytes = logFiles.reduce(0) { total, path in
    total + (((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0)
}
show(
    String(
        format: "review log: %.0f MB in %d files, index %.0f MB, %@",
        megabytes(logBytes), logFiles.count,
        megabytes(folderSize(review.appendingPathComponent("state"))), review.path))

// MARK: - Timing a command

struct Timing {
    var firstOutput: Double?
    var wall: Double
    var peakMegabytes: Double
    var lines: Int
    var status: Int32
}

/// Runs feedwatch under GNU time, reading its output as a terminal would,
/// and notes when the first bytes arrive.
func timeCommand(_ commandArguments: [String]) -> Timing {
    let timeFile = directory.appendingPathComponent("time.out").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%e %M", "-o", timeFile, feedwatchPath] + commandArguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let started = Date()
    do { try process.run() } catch { fail("cannot run /usr/bin/time \(feedwatchPath): \(error)") }
    var firstOutput: Double?
    var lines = 0
    let reader = output.fileHandleForReading
    while true {
        let chunk = reader.availableData
        if chunk.isEmpty { break }
        if firstOutput == nil { firstOutput = Date().timeIntervalSince(started) }
        lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
    process.waitUntilExit()
    let fields = ((try? String(contentsOfFile: timeFile, encoding: .utf8)) ?? "")
        .split(whereSeparator: \.isWhitespace).suffix(2).compactMap { Double($0) }
    guard fields.count == 2 else { fail("no figures from /usr/bin/time for \(commandArguments)") }
    return Timing(
        firstOutput: firstOutput, wall: fields[0], peakMegabytes: fields[1] / 1024, lines: lines,
        status: process.terminationStatus)
}

// MARK: - 3. The index path: what the review can cost when it reads the index

/// The record whose line starts at `offset` of log file `name`.
func readRecord(_ name: String, at offset: Int64) throws -> Alert {
    let handle = try FileHandle(forReadingFrom: review.appendingPathComponent(name))
    defer { try? handle.close() }
    try handle.seek(toOffset: UInt64(offset))
    var line = Data()
    while true {
        guard let chunk = try handle.read(upToCount: 4096), !chunk.isEmpty else { break }
        if let end = chunk.firstIndex(of: 0x0A) {
            line.append(chunk[chunk.startIndex..<end])
            break
        }
        line.append(chunk)
    }
    return try AlertLogFormat.makeDecoder().decode(Alert.self, from: line)
}

/// Opens the index read-only (as a review command would), queries it and
/// reads the records it points to; the milliseconds that took, and how many.
func timeIndexPath(_ filter: AlertIndexFilter) throws -> (milliseconds: Double, alerts: Int) {
    let started = Date()
    let store = try SQLiteStateStore(
        path: review.appendingPathComponent("state/feedwatch.db").path, access: .readOnly)
    let entries = try store.alerts(matching: filter)
    let alerts = try entries.map { try readRecord($0.logFile, at: $0.byteOffset) }
    guard alerts.map(\.id) == entries.map(\.alertID) else { fail("index and log disagree") }
    return (Date().timeIntervalSince(started) * 1000, alerts.count)
}

do {
    show("")
    show(
        "the index path (SQLiteStateStore.alerts(matching:), then the records read at their offsets):"
    )
    for (name, filter) in [
        ("newest 50", AlertIndexFilter(limit: 50)),
        (
            "rule haqqani-attack, last 7 days, high+, 50",
            AlertIndexFilter(
                since: Date().addingTimeInterval(-7 * day), rule: "haqqani-attack",
                minimumSeverityRank: Severity.allCases.firstIndex(of: .high), limit: 50)
        ),
    ] {
        let result = try timeIndexPath(filter)
        show(
            name.padding(toLength: 46, withPad: " ", startingAt: 0)
                + String(format: "%8.1f ms  %3d alerts", result.milliseconds, result.alerts))
    }
} catch {
    fail("the index path: \(error)")
}

// MARK: - 4. `feedwatch alerts` as a user runs it

if runsCLI {
    guard FileManager.default.isExecutableFile(atPath: feedwatchPath) else {
        fail("\(feedwatchPath) is missing: swift build -c release --product feedwatch")
    }
    let common = ["--config", configPath, "--rules", rulesDirectory]
    // An alert from the middle of the log, for `alerts show`.
    let middle = makeAlert(alertCount / 2, count: alertCount, start: start, span: span)
    let queries: [(name: String, arguments: [String])] = [
        ("alerts --limit 50", ["alerts"] + common + ["--limit", "50"]),
        (
            "alerts --rule haqqani-attack --since 7d --severity high+ --limit 50",
            ["alerts"] + common + [
                "--rule", "haqqani-attack", "--since", "7d", "--severity", "high+", "--limit", "50",
            ]
        ),
        (
            "alerts --grep Quetta --limit 50",
            ["alerts"] + common + ["--grep", "Quetta", "--limit", "50"]
        ),
        // A place few alerts name: the search cannot stop early.
        (
            "alerts --grep mazar-i-sharif --limit 50",
            ["alerts"] + common + ["--grep", "mazar-i-sharif", "--limit", "50"]
        ),
        (
            "alerts --entity khalil-haqqani --limit 50",
            ["alerts"] + common + ["--entity", "khalil-haqqani", "--limit", "50"]
        ),
        // The entity most alerts name: a quarter of the log.
        (
            "alerts --entity entity-0 --limit 50",
            ["alerts"] + common + ["--entity", "entity-0", "--limit", "50"]
        ),
        ("alerts stats", ["alerts", "stats"] + common),
        // Days of a zone with daylight saving, and of one at +05:45: a count per local day.
        (
            "alerts stats --tz America/New_York",
            ["alerts", "stats"] + common + ["--tz", "America/New_York"]
        ),
        (
            "alerts stats --tz Asia/Kathmandu",
            ["alerts", "stats"] + common + ["--tz", "Asia/Kathmandu"]
        ),
        (
            "alerts stats --since 7d --entity entity-0",
            ["alerts", "stats"] + common + ["--since", "7d", "--entity", "entity-0"]
        ),
        ("alerts show ID", ["alerts", "show"] + common + [middle.id]),
    ]
    show("")
    show("feedwatch alerts over \(alertCount) alerts (target: under 1 s each)")
    show(
        "command".padding(toLength: 72, withPad: " ", startingAt: 0)
            + "first out s   wall s   peak MB   lines  exit")
    for query in queries {
        let timing = timeCommand(query.arguments)
        show(
            query.name.padding(toLength: 72, withPad: " ", startingAt: 0)
                + String(
                    format: "%@ %8.2f %9.1f %7d %5d",
                    (timing.firstOutput.map { String(format: "%.2f", $0) } ?? "-").leftPadded(10),
                    timing.wall, timing.peakMegabytes, timing.lines, timing.status))
        verdicts.append(
            (
                query.name, timing.status == 0 && timing.wall < 1 && timing.lines > 0,
                String(
                    format: "%.2f s, %.0f MB, exit %d", timing.wall, timing.peakMegabytes,
                    timing.status)
            ))
    }
    show("")
    for verdict in verdicts {
        show("\(verdict.passed ? "PASS" : "FAIL")  \(verdict.name): \(verdict.detail)")
    }
}

guard runsCLI else {
    show("SUMMARY alertlog-benchmark: not judged (--skip-cli: feedwatch alerts was not run)")
    exit(0)
}
let passed = verdicts.allSatisfy(\.passed)
show("SUMMARY alertlog-benchmark: \(passed ? "PASS" : "FAIL")")
exit(passed ? 0 : 1)
