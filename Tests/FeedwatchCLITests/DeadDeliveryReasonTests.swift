import Foundation
import TestHTTPServer
import Testing

/// An operator fixing a receiver needs to see why its deliveries died:
/// `sinks`, `sinks --json` and `alerts show` say it.
@Suite struct DeadDeliveryReasonTests {
    @Test func sinksAndAlertsShowSayWhyADeliveryDied() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/hook", .text("hook removed by admin", status: 410, contentType: "text/plain"))
        let workspace = try Workspace(notifying: server.url("/hook"))
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(server.requests(for: "/hook").count == 1)

        let sinks = try workspace.runner.run(["sinks", "--json"])
        let row = try #require(
            try JSONSerialization.jsonObject(with: Data(sinks.standardOutput.utf8))
                as? [String: Any])
        #expect(row["dead"] as? Int == 1)
        let reason = try #require(row["last_dead_reason"] as? String)
        #expect(reason.contains("410") && reason.contains("hook removed by admin"))
        #expect(row["last_dead_at"] is String)
        let alertID = try #require(row["last_dead_alert"] as? String)

        let table = try workspace.runner.run(["sinks"])
        #expect(table.standardOutput.contains("ops: last dead delivery"))
        #expect(table.standardOutput.contains("hook removed by admin"))

        let show = try workspace.runner.run(["alerts", "show", alertID])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("ops: dead, 1 attempt"))
        #expect(show.standardOutput.contains("hook removed by admin"))
    }
}
