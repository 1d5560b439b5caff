import Foundation
import TestHTTPServer
import Testing

/// A process killed inside a rotation of the alert log — the live file
/// renamed, the commit of the batch that filled it not made — loses nothing:
/// the restart records the rotation, indexes the batch where it now is, and
/// sends each of its alerts once.
@Suite struct RotationCrashTests {
    /// The size at which the log rotates (`AlertLogWriter.defaultRotationSize`).
    static let rotationSize = 64 * 1024 * 1024

    @Test func aKillBetweenRenameAndCommitStillDeliversTheBatchOnce() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .text("ok"))
        let workspace = try Workspace.notifying(server.url("/hook"))
        // A log just under its rotation size: one old alert whose snippet fills it.
        try workspace.write("alerts.jsonl", try Self.alertLine(filling: Self.rotationSize - 600))
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>z</guid><title>Storm closes airports</title></item>
            </channel></rss>
            """)
        // The first poll meets the feed and adopts the log, sending nothing.
        let adopt = try workspace.runner.run(["poll"])
        #expect(adopt.status == 0, "\(adopt.standardError)")
        #expect(server.requests(for: "/hook").isEmpty)

        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title></item>
            <item><guid>b</guid><title>Khalil Haqqani's deputy arrested</title></item>
            <item><guid>c</guid><title>Khalil Haqqani funeral held</title></item>
            <item><guid>z</guid><title>Storm closes airports</title></item>
            </channel></rss>
            """)
        let killed = try workspace.runner.run(
            ["poll", "--all"], environment: ["FEEDWATCH_FAULT_INJECTION": "kill-after-log-rotation"]
        )
        #expect(killed.status == SIGKILL, "\(killed.standardError)")
        #expect(FileManager.default.fileExists(atPath: workspace.url("alerts.jsonl.1").path))
        #expect(server.requests(for: "/hook").isEmpty)

        let restart = try workspace.runner.run(["poll", "--all"])

        #expect(restart.status == 0, "\(restart.standardError)")
        #expect(
            restart.standardError.contains("indexed 3 alerts written before an interrupted pass"))
        #expect(restart.standardError.contains("from alerts.jsonl to alerts.jsonl.1"))
        let keys = server.requests(for: "/hook").map { $0.header("Idempotency-Key") ?? "" }
        #expect(keys.count == 3 && Set(keys).count == 3)
        let again = try workspace.runner.run(["poll", "--all"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(server.requests(for: "/hook").count == 3)
        // Each of them is found where the index says, in the rotated file.
        // Each of them has its evidence copy: the restart's pass read their items again.
        for key in keys {
            let show = try workspace.runner.run(["alerts", "show", key])
            #expect(show.status == 0, "\(show.standardError)")
            #expect(!show.standardOutput.contains("no copy of the item's text"))
            #expect(show.standardOutput.contains("Haqqani"))
        }
    }

    /// One alert of a week ago, `size` bytes with its newline.
    static func alertLine(filling size: Int) throws -> String {
        let time = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7 * 24 * 3600))
        let head =
            "{\"entities\":[\"khalil-haqqani\"],\"feed\":\"wire\",\"id\":\"old-0\","
            + "\"item\":{\"id\":\"old\",\"link\":null,\"published\":null,\"title\":\"Old\"},"
            + "\"kind\":\"alert\",\"matches\":[],\"rule\":\"haqqani\",\"severity\":\"high\","
            + "\"snippet\":\""
        let tail = "\",\"sources\":1,\"story\":\"s-old\",\"time\":\"\(time)\"}\n"
        return head + String(repeating: "x", count: size - head.utf8.count - tail.utf8.count)
            + tail
    }
}
