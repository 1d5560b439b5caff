import Foundation
import TestHTTPServer
import Testing

/// `feedwatch mute`, `mutes` and `unmute`, each a process of its own, around
/// polls that are processes of their own: the mute lives in the state.
@Suite struct MuteCommandTests {
    private func feed(_ items: [(id: String, title: String)]) -> String {
        "<rss version=\"2.0\"><channel><title>Wire</title>"
            + items.map { "<item><guid>\($0.id)</guid><title>\($0.title)</title></item>" }.joined()
            + "</channel></rss>"
    }

    @Test func aMutedEntityIsLoggedButNotSentUntilUnmuted() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", .status(200))
        let workspace = try Workspace(notifying: server.url("/hook"))
        try workspace.write("wire.xml", feed([("b", "Storm closes airports")]))
        let baseline = try workspace.runner.run(["poll", "--all"])
        #expect(baseline.status == 0, "\(baseline.standardError)")

        let mute = try workspace.runner.run(
            ["mute", "@khalil-haqqani", "for", "24h", "--note", "known story"])
        #expect(mute.status == 0, "\(mute.standardError)")
        #expect(mute.standardOutput.contains("muted entity khalil-haqqani until"))
        let listed = try workspace.runner.run(["mutes", "--json"])
        let row = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8))
                as? [String: Any])
        #expect(row["kind"] as? String == "entity" && row["target"] as? String == "khalil-haqqani")
        #expect(row["note"] as? String == "known story" && row["until"] is String)

        try workspace.write(
            "wire.xml",
            feed([("a", "Khalilur Rehman Haqqani killed in Kabul"), ("b", "Storm closes airports")])
        )
        let mutedPoll = try workspace.runner.run(["poll", "--all"])
        #expect(mutedPoll.status == 0, "\(mutedPoll.standardError)")
        #expect(server.requests(for: "/hook").isEmpty)
        #expect(workspace.read("alerts.jsonl").contains("\"muted\":true"))

        let unmute = try workspace.runner.run(["unmute", "@khalil-haqqani"])
        #expect(unmute.status == 0, "\(unmute.standardError)")
        #expect(try workspace.runner.run(["mutes"]).standardOutput.contains("no mutes in force"))
        #expect(try workspace.runner.run(["unmute", "@khalil-haqqani"]).status == 1)

        try workspace.write(
            "wire.xml",
            feed([
                ("a", "Khalilur Rehman Haqqani killed in Kabul"), ("b", "Storm closes airports"),
                ("c", "Khalil Haqqani funeral held"),
            ]))
        let poll = try workspace.runner.run(["poll", "--all"])
        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(server.requests(for: "/hook").count == 1)
    }

    @Test(arguments: [
        (["mute", "haqani", "for", "1h"], "did you mean 'haqqani'"),
        (["mute", "@khalil-haqani", "for", "1h"], "did you mean '@khalil-haqqani'"),
        (["mute", "haqqani", "for", "soon"], "give how long"),
        (["mute", "haqqani"], "give how long"),
    ])
    func aWrongTargetOrDurationIsAUsageError(arguments: [String], message: String) throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll"]).status == 0)
        let result = try workspace.runner.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
