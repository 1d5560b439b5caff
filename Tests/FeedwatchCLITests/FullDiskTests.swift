import Foundation
import Testing

/// `feedwatch poll` with its alert log on a file system that fills up: a
/// real full disk, on a small tmpfs. It needs root to mount one and is
/// skipped elsewhere; the same failure, injected, is tested in MonitorTests
/// and AlertLogTests on every machine.
@Suite(.enabled(if: SmallFileSystem.canMount, "needs root to mount a tmpfs"))
struct FullDiskTests {
    static let feeds = 40

    /// Feeds whose every report alerts (`notify-each`), with texts that
    /// differ enough to make stories of their own.
    func workspace(logFolder: String) throws -> Workspace {
        let workspace = try Workspace()
        var config = "[monitor]\ninterval = 10m\nalert-log = \(logFolder)/alerts.jsonl\n"
        let places = ["Kabul", "Kandahar", "Herat", "Quetta", "Peshawar", "Khost", "Kunduz"]
        for feed in 0..<Self.feeds {
            config += "\n[feed f\(feed)]\nurl = file:f\(feed).xml\n"
            let items = (0..<2).map { number in
                let place = places[(feed + number * 3) % places.count]
                return "<item><guid>f\(feed)-\(number)</guid>"
                    + "<title>Khalilur Rehman Haqqani seen in \(place), report \(feed)-\(number)</title>"
                    + "<description>Dispatch \(feed * 7 + number) from \(place).</description></item>"
            }
            try workspace.write(
                "f\(feed).xml",
                "<rss version=\"2.0\"><channel><title>F\(feed)</title>\(items.joined())</channel></rss>"
            )
        }
        try workspace.write("feeds.conf", config)
        try workspace.write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
              notify-each
            """)
        return workspace
    }

    @Test func aFullDiskFailsThePassClearlyAndTheNextWritesEveryAlertOnce() throws {
        let disk = try SmallFileSystem(size: "16k")
        defer { disk.remove() }
        let workspace = try workspace(logFolder: disk.path)
        let log = disk.path + "/alerts.jsonl"

        let full = try workspace.runner.run(["poll", "--backfill"])

        #expect(full.status == 1)
        #expect(full.standardError.contains("feedwatch: alerting: \(log): the alerts of "))
        #expect(full.standardError.contains("cannot write: no space left on the device"))
        let failed = try #require(full.standardError.firstMatch(of: /, (\d+) failed,/))
        let count = try #require(Int(failed.output.1))
        #expect(count > 0 && count <= Self.feeds, "\(full.standardError)")
        let afterFull = try String(contentsOfFile: log, encoding: .utf8)
        #expect(afterFull.isEmpty || afterFull.hasSuffix("\n"))

        try disk.resize("1m")
        // The feeds that failed are due again after their back-off; --all does not wait.
        let next = try workspace.runner.run(["poll", "--all", "--backfill"])

        #expect(next.status == 0, "\(next.standardError)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let ids = try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["id"] as? String)
        }
        #expect(ids.count == Self.feeds * 2)
        #expect(Set(ids).count == ids.count)
        let stats = try workspace.runner.run(["state", "stats", "--json"])
        #expect(stats.standardOutput.contains("\"alerts_indexed\":\(ids.count)"))
    }
}

/// A tmpfs of a few kilobytes, mounted for one test.
struct SmallFileSystem {
    let path: String

    /// Whether this process may mount one (it is root, and the kernel lets it).
    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? SmallFileSystem(size: "16k") else { return false }
        probe.remove()
        return true
    }()

    init(size: String) throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "feedwatch-full-\(UUID().uuidString)"
            ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        do {
            try Self.mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    func resize(_ size: String) throws {
        try Self.mount(["-o", "remount,size=\(size)", path])
    }

    func remove() {
        let unmount = Process()
        unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
        unmount.arguments = [path]
        try? unmount.run()
        unmount.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func mount(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .fileWriteNoPermission, userInfo: [NSFilePathErrorKey: arguments.last ?? ""])
        }
    }
}
