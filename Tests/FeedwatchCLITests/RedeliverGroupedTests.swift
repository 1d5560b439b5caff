import Foundation
import TestHTTPServer
import Testing

/// `alerts redeliver` of an alert that went out with another rule's on the
/// same item sends that message again, whole and under the same key: the
/// receiver sees a repeat of what it had, never a message it has not seen.
@Suite struct RedeliverGroupedTests {
    @Test func aGroupedAlertIsResentAsTheMessageItWentOutIn() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .status(200))
        let workspace = try Workspace(notifying: server.url("/hook"))
        try workspace.write(
            "rules/kabul.rules",
            """
            rule "Kabul"
              id kabul
              severity medium
              match kabul
              notify log, ops
            """)
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        let first = server.requests(for: "/hook")
        try #require(first.count == 1)
        let key = try #require(first[0].header("Idempotency-Key"))
        let listed = try workspace.runner.run(["alerts", "--json"]).standardOutput
        let ids = listed.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"]
                as? String
        }
        try #require(ids.count == 2)
        #expect(!ids.contains(key), "a message of two alerts has a key of its own")

        for id in ids {
            let redeliver = try workspace.runner.run(["alerts", "redeliver", id])
            #expect(redeliver.status == 0, "\(redeliver.standardError)")
            #expect(redeliver.standardOutput.contains("ops: delivered"))
            #expect(redeliver.standardOutput.contains("the message it went out in"))
            #expect(redeliver.standardOutput.contains(key))
        }

        let all = server.requests(for: "/hook")
        #expect(all.count == 3)
        for resent in all.dropFirst() {
            #expect(resent.header("Idempotency-Key") == key)
            #expect(resent.body == first[0].body)
        }
        #expect(first[0].bodyText.contains("haqqani") && first[0].bodyText.contains("kabul"))
    }
}
