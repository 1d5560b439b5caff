// The state over months (issue 12): a desk of feeds replayed day by day
// with a moving clock through the real store — each feed's turn is the
// `PassCommit` the pass makes (its items seen and archived, the items its
// body lists, alerts indexed, deliveries queued, stories saved, its state),
// after the pass's read of its seen items and its question about its
// candidate alerts; the day's deliveries are then delivered (a few die), and
// retention runs once a day as `run` applies it (`[monitor]` defaults:
// archive 30d, forget 90d; stories after their 48 hours; finished deliveries
// after 30 days). Prints the state's size every few days, so that the
// plateau shows: the archive levels off after `archive`, the seen items
// after `forget` plus the days an item stays in its feed.
//
// Build with `swift build -c release --product state-benchmark`.
// Usage: state-benchmark [--feeds 10000] [--items 50] [--days 120] [--listed 50]
//                        [--alert-share 0.005] [--content-bytes 300] [--every 5]
//                        [--bytes-every 30] [--dir Benchmarks/out/state] [--keep]
// The database is removed at the end unless --keep is given (a tenth of the desk leaves 4 GB).
import BenchmarkSupport
import Configuration
import Foundation
import Monitor
import SQLiteStore
import Store

let arguments = BenchmarkArguments()
let feedCount = arguments.integer("--feeds", default: 1_000)
let itemsPerDay = arguments.integer("--items", default: 50)
let days = arguments.integer("--days", default: 120)
let listed = arguments.integer("--listed", default: 50)
let alertShare = arguments.decimal("--alert-share", default: 0.005)
let contentBytes = arguments.integer("--content-bytes", default: 300)
let every = max(1, arguments.integer("--every", default: 5))
let bytesEvery = arguments.integer("--bytes-every", default: 30)
let keep = arguments.has("--keep")
let directory = URL(
    fileURLWithPath: arguments.value(of: "--dir") ?? "Benchmarks/out/state", isDirectory: true)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("state-benchmark: \(message)\n".utf8))
    exit(2)
}

func megabytes(_ bytes: Int64) -> Double { Double(bytes) / 1_048_576 }

let day: TimeInterval = 86_400
let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
let path = directory.appendingPathComponent("feedwatch.db").path
for suffix in ["", "-wal", "-shm", ".lock"] {
    try? FileManager.default.removeItem(atPath: path + suffix)
}
let store: SQLiteStateStore
do { store = try SQLiteStateStore(path: path) } catch { fail("\(error)") }
let retention = StateRetention(settings: MonitorSection())
var desk = SimulatedDesk(
    feeds: feedCount, itemsPerDay: itemsPerDay, listed: listed, alertShare: alertShare,
    contentBytes: contentBytes)
var variation = SeededGenerator(state: 7)

show(
    "state-benchmark: \(feedCount) feeds × \(itemsPerDay) new items a day (feeds list their newest \(listed)), \(days) days, "
        + "\(alertShare * 100)% of items alert; archive \(DurationParser.text(retention.archive)), forget \(DurationParser.text(retention.forget)); \(path)"
)
show(
    "  day   file MB  free MB   wal MB   seen items   absent    archived  stories   outbox   alerts   day s  prune s"
)
let began = Date()
var plateau: [(day: Int, bytes: Int64)] = []
for dayNumber in 1...days {
    let dayStart = start.addingTimeInterval(Double(dayNumber - 1) * day)
    let dayBegan = Date()
    do {
        for feed in 0..<feedCount {
            // Feeds are read through the day; each brings around `itemsPerDay`.
            let time = dayStart.addingTimeInterval(day * Double(feed) / Double(feedCount))
            let count = max(0, itemsPerDay / 2 + variation.below(itemsPerDay + 1))
            _ = try store.seenItems(feed: SimulatedDesk.feedName(feed))
            let turn = desk.turn(feed: feed, newItems: count, at: time)
            if !turn.candidateAlerts.isEmpty {
                _ = try store.recordedAlertIDs(among: turn.candidateAlerts)
            }
            try store.commit(turn.commit)
        }
        // The receiver takes nearly everything; a few deliveries die.
        let dayEnd = dayStart.addingTimeInterval(day)
        while case let due = try store.dueDeliveries(now: dayEnd, limit: 1_000), !due.isEmpty {
            for delivery in due {
                if variation.below(100) < 3 {
                    try store.markDead(id: delivery.id, reason: "HTTP 410", at: dayEnd)
                } else {
                    try store.markDelivered(id: delivery.id, at: dayEnd)
                }
            }
        }
    } catch {
        fail("day \(dayNumber): \(error)")
    }
    let daySeconds = Date().timeIntervalSince(dayBegan)
    let pruneBegan = Date()
    do {
        _ = try retention.applyIfDue(to: store, now: dayStart.addingTimeInterval(day))
    } catch {
        fail("retention on day \(dayNumber): \(error)")
    }
    let pruneSeconds = Date().timeIntervalSince(pruneBegan)
    guard dayNumber % every == 0 || dayNumber == days else { continue }
    let statistics: StateStatistics
    do { statistics = try store.statistics() } catch { fail("\(error)") }
    let rows = { (kind: String) in statistics.kind(kind)?.rows ?? 0 }
    plateau.append((dayNumber, statistics.fileBytes))
    show(
        String(
            format: "%5d %9.0f %8.0f %8.0f %12d %8d %11d %8d %8d %8d %7.1f %8.1f", dayNumber,
            megabytes(statistics.fileBytes), megabytes(statistics.freeBytes),
            megabytes(statistics.walBytes), rows("seen_items"), statistics.absentSeenItems,
            rows("archived_items"), rows("stories"), rows("outbox"), rows("alerts_indexed"),
            daySeconds, pruneSeconds))
    if bytesEvery > 0 && dayNumber % bytesEvery == 0 {
        let perKind = statistics.kinds.map {
            String(format: "%@ %.0f MB", $0.name, megabytes($0.bytes ?? 0))
        }
        show("      bytes: " + perKind.joined(separator: ", "))
    }
}
let total = Date().timeIntervalSince(began)
let last = plateau.suffix(4)
if let low = last.map(\.bytes).min(), let high = last.map(\.bytes).max(), let first = last.first,
    let final = last.last
{
    show(
        String(
            format:
                "plateau: %.0f MB on day %d, %.0f MB on day %d (%.1f%% apart); %.0f s in all (%.1f s a simulated day)",
            megabytes(first.bytes), first.day, megabytes(final.bytes), final.day,
            Double(high - low) / Double(high) * 100, total, total / Double(days)))
}
if !keep {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
    }
}
