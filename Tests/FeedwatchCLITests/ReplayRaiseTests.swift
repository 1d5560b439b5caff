import Foundation
import TestHTTPServer
import Testing

/// `feedwatch replay` marks each firing new or already alerted, and
/// `--raise` raises the new ones as a live pass would: once, with the live
/// ids, evidence and story, through the rules' sinks unless `--no-notify`.
@Suite struct ReplayRaiseTests {
    /// The JSON lines of `output`.
    private func jsonLines(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The mark of each firing of each replayed item, as `item/rule: mark`.
    private func marks(_ workspace: Workspace) throws -> [String] {
        let replay = try workspace.runner.run(["replay", "--since", "1h", "--json"])
        #expect(replay.status == 0, "\(replay.standardError)")
        return jsonLines(replay.standardOutput).flatMap { line in
            ((line["firings"] as? [[String: Any]]) ?? []).map {
                "\(line["item"] as? String ?? "")/\($0["rule"] as? String ?? ""): "
                    + "\($0["mark"] as? String ?? "")"
            }
        }.sorted()
    }

    @Test func raisingTwiceRaisesOnceAndNoNotifySendsNothing() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .status(200))
        let workspace = try Workspace(notifying: server.url("/hook"))
        // First contact: the items are archived, nothing alerts.
        let baseline = try workspace.runner.run(["poll"])
        #expect(baseline.status == 0, "\(baseline.standardError)")
        #expect(try marks(workspace) == ["a/haqqani: new"])

        // Logged only: nothing reaches the sink, and the firing is alerted now.
        let quiet = try workspace.runner.run(["replay", "--since", "1h", "--raise", "--no-notify"])
        #expect(quiet.status == 0, "\(quiet.standardError)")
        #expect(quiet.standardError.contains("raised 1 alert;"))
        #expect(quiet.standardError.contains("sent to no sink"))
        #expect(server.requests(for: "/hook").isEmpty)
        #expect(try marks(workspace) == ["a/haqqani: already alerted"])
        let again = try workspace.runner.run(["replay", "--since", "1h", "--raise"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("raised 0 alerts"))
        #expect(server.requests(for: "/hook").isEmpty)

        // A rule added after the fact: its firing is new, raised through its sink, once.
        try workspace.write(
            "rules/kabul.rules",
            """
            rule "Kabul"
              id kabul
              severity medium
              match kabul
              notify log, ops
            """)
        #expect(try marks(workspace) == ["a/haqqani: already alerted", "a/kabul: new"])
        let raise = try workspace.runner.run(["replay", "--since", "1h", "--raise"])
        #expect(raise.status == 0, "\(raise.standardError)")
        #expect(raise.standardError.contains("raised 1 alert;"))
        let sent = server.requests(for: "/hook")
        try #require(sent.count == 1)
        #expect(sent[0].bodyText.contains("kabul") && !sent[0].bodyText.contains("\"haqqani\""))
        let twice = try workspace.runner.run(["replay", "--since", "1h", "--raise"])
        #expect(twice.standardError.contains("raised 0 alerts"))
        #expect(server.requests(for: "/hook").count == 1)
        #expect(try marks(workspace) == ["a/haqqani: already alerted", "a/kabul: already alerted"])

        // Recorded as a live alert: in the index with its story, with its evidence.
        let alerts = jsonLines(try workspace.runner.run(["alerts", "--json"]).standardOutput)
        #expect(alerts.map { $0["rule"] as? String ?? "" }.sorted() == ["haqqani", "kabul"])
        let kabul = try #require(alerts.first { $0["rule"] as? String == "kabul" })
        let story = try #require(kabul["story"] as? String)
        #expect(!story.isEmpty)
        #expect(alerts.allSatisfy { $0["story"] as? String == story })
        let show = try workspace.runner.run(["alerts", "show", kabul["id"] as? String ?? ""])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("Khalilur Rehman Haqqani killed in Kabul"))
        #expect(!show.standardOutput.contains("no copy of the item's text"))
        // A live pass over the same items alerts on nothing more.
        let poll = try workspace.runner.run(["poll", "--all"])
        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(
            jsonLines(try workspace.runner.run(["alerts", "--json"]).standardOutput).count == 2)
        #expect(server.requests(for: "/hook").count == 1)
    }
}
