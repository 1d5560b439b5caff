import Foundation
import TestHTTPServer
import Testing

/// A state deleted (or new beside an old log) indexes the log and sends none
/// of it again; a state in use sends the tail a crash left, once, and nothing
/// past the delivery expiry.
@Suite struct LostStateTests {
    @Test func aDeletedStateIndexesTheLogAndSendsNothingToTheSinks() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .text("ok"))
        let workspace = try Workspace.notifying(server.url("/hook"))
        let first = try workspace.runner.run(["poll", "--backfill"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.requests(for: "/hook").count == 3)

        try FileManager.default.removeItem(at: workspace.url("state"))
        let again = try workspace.runner.run(["poll", "--all"])

        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("the state is new: indexed 3 alerts"))
        #expect(server.requests(for: "/hook").count == 3)
        let alerts = try workspace.runner.run(["alerts", "--json"])
        #expect(alerts.status == 0, "\(alerts.standardError)")
        #expect(alerts.standardOutput.split(separator: "\n").count == 3)
        let sinks = try workspace.runner.run(["sinks", "--json"])
        #expect(sinks.standardOutput.contains("\"pending\":0"))
    }

    @Test func aCrashTailIsSentOnceAndNothingPastTheExpiry() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .text("ok"))
        let workspace = try Workspace.notifying(server.url("/hook"))
        let first = try workspace.runner.run(["poll", "--backfill"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.requests(for: "/hook").count == 3)

        // Two alerts appended after the last indexed one, as a process killed
        // between the log's fsync and the commit leaves them: one an hour
        // old, one written two days ago by a monitor that stayed down since.
        let last = try #require(workspace.read("alerts.jsonl").split(separator: "\n").last)
        let fresh = try Self.copy(of: String(last), id: "tail-fresh", age: 3600)
        let stale = try Self.copy(of: String(last), id: "tail-stale", age: 2 * 24 * 3600)
        let handle = try FileHandle(forWritingTo: workspace.url("alerts.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((stale + "\n" + fresh + "\n").utf8))
        try handle.close()

        let restart = try workspace.runner.run(["poll", "--all"])

        #expect(restart.status == 0, "\(restart.standardError)")
        #expect(
            restart.standardError.contains("indexed 2 alerts written before an interrupted pass"))
        #expect(restart.standardError.contains("1 were past the delivery expiry"))
        let keys = server.requests(for: "/hook").map { $0.header("Idempotency-Key") ?? "" }
        #expect(keys.count == 4)
        #expect(keys.last == "tail-fresh")
        let again = try workspace.runner.run(["poll", "--all"])
        #expect(again.status == 0)
        #expect(server.requests(for: "/hook").count == 4)
        let alerts = try workspace.runner.run(["alerts", "--json"])
        #expect(alerts.standardOutput.split(separator: "\n").count == 5)
    }

    /// An alert line with another id, written `age` seconds ago.
    static func copy(of line: String, id: String, age: TimeInterval) throws -> String {
        var record = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        record["id"] = id
        record["time"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-age))
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

extension Workspace {
    /// A workspace whose rule notifies a `json` sink at `hook`
    /// (`Workspace(notifying:)`), and whose feed has three items the rule matches.
    static func notifying(_ hook: URL) throws -> Workspace {
        let workspace = try Workspace(notifying: hook)
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title></item>
            <item><guid>b</guid><title>Khalil Haqqani's deputy arrested</title></item>
            <item><guid>c</guid><title>Khalil Haqqani funeral held</title></item>
            </channel></rss>
            """)
        return workspace
    }
}
