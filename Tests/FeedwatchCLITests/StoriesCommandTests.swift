import Foundation
import TestHTTPServer
import Testing

/// Stories end to end: the real binary polls feeds from the real HTTP test
/// server, and `alerts` and `stories` show every report.
@Suite struct StoriesCommandTests {
    static func rss(_ items: [(id: String, title: String, summary: String)]) -> String {
        var lines = [#"<rss version="2.0"><channel><title>Feed</title>"#]
        for item in items {
            lines.append(
                "<item><guid>\(item.id)</guid><title>\(item.title)</title>"
                    + "<link>https://news.example/\(item.id)</link>"
                    + "<description>\(item.summary)</description></item>")
        }
        lines.append("</channel></rss>")
        return lines.joined(separator: "\n")
    }

    static let killed = (
        "killed", "Khalil Haqqani killed in ministry bombing",
        "Taliban refugees minister Khalil Haqqani was killed on Tuesday when a suicide bomber blew himself up at the ministry in Kabul."
    )
    static let blast = (
        "blast", "Blast near Khalil Haqqani's office",
        "An explosion went off near the office of the refugees minister in Kabul, witnesses said."
    )
    static let survived = (
        "survived", "Khalil-ur-Rehman Haqqani survived a bomb",
        "The minister escaped unhurt when a roadside bomb hit his convoy in Paktia, his spokesman said."
    )
    static let rewritten = (
        "herald-1",
        "Taliban minister Khalil-ur-Rehman Haqqani assassinated in Kabul ministry bombing",
        "The Taliban's refugees minister was killed in a suicide bombing at his ministry in Kabul on Tuesday."
    )

    func workspace(server: TestHTTPServer) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed wire]
            url = \(server.url("/wire.xml").absoluteString)

            [feed herald]
            url = \(server.url("/herald.xml").absoluteString)
            """)
        try workspace.write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani", "Khalil-ur-Rehman Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
              escalate 2 sources within 6h
            """)
        return workspace
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func theSurvivedReportIsAStoryOfItsOwnAndAFoldedReportIsVisible() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/wire.xml", .text(Self.rss([Self.killed, Self.blast, Self.survived])))
        server.route("/herald.xml", .text(Self.rss([])))
        let workspace = try workspace(server: server)
        let runner = workspace.runner

        let first = try runner.run(["poll", "--backfill"])
        #expect(first.status == 0, "\(first.standardError)")

        // Three reports of one feed: none is a near-duplicate of another, so
        // none folds; "survived" against "killed" is another event anyway.
        let raised = try jsonLines(try runner.run(["alerts", "--json"]).standardOutput)
        #expect(raised.count == 3)
        let storyOf = Dictionary(
            raised.map {
                (
                    ($0["item"] as? [String: Any])?["id"] as? String ?? "",
                    $0["story"] as? String ?? ""
                )
            }, uniquingKeysWith: { first, _ in first })
        let survivedStory = try #require(storyOf["survived"])
        let killedStory = try #require(storyOf["killed"])
        #expect(survivedStory != killedStory)
        // One source per story: nothing escalates yet.
        #expect(raised.allSatisfy { $0["kind"] as? String == "alert" })

        // Another outlet's report of the bombing folds into its story.
        server.route("/herald.xml", .text(Self.rss([Self.rewritten])))
        let second = try runner.run(["poll", "--all"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardError.contains("1 folded into known stories"))

        // `alerts` lists what was raised (the escalation now too), `--folded` the report as well.
        let listed = try jsonLines(try runner.run(["alerts", "--json"]).standardOutput)
        #expect(listed.filter { $0["kind"] as? String == "report" }.isEmpty)
        let escalation = try #require(listed.first { $0["kind"] as? String == "escalation" })
        #expect(escalation["story"] as? String == killedStory)
        #expect(escalation["severity"] as? String == "critical")
        #expect(escalation["sources"] as? Int == 2)
        #expect((escalation["item"] as? [String: Any])?["id"] as? String == "herald-1")
        let all = try jsonLines(try runner.run(["alerts", "--json", "--folded"]).standardOutput)
        let folded = try #require(all.first { $0["kind"] as? String == "report" })
        #expect(folded["story"] as? String == killedStory)
        #expect(folded["feed"] as? String == "herald")
        #expect(folded["sources"] as? Int == 2)
        // A folded report was raised to no one: there is nothing to send again.
        let redeliver = try runner.run(["alerts", "redeliver", folded["id"] as? String ?? ""])
        #expect(redeliver.status == 1)
        #expect(redeliver.standardError.contains("folded into story \(killedStory)"))
        let lines = try runner.run(["alerts"], environment: ["COLUMNS": "200"]).standardOutput
        let bombingRow = try #require(
            lines.split(separator: "\n").first {
                $0.hasSuffix("Khalil Haqqani killed in ministry bombing")
            })
        // The story's current number of feeds, in the SRC column before the title.
        #expect(bombingRow.contains("    2  Khalil Haqqani killed"))

        // `stories`: one line per story; the bombing's has both reports.
        let stories = try jsonLines(try runner.run(["stories", "--json"]).standardOutput)
        #expect(stories.count == 3)
        let bombing = try #require(stories.first { $0["id"] as? String == killedStory })
        #expect(bombing["sources"] as? Int == 2)
        #expect(bombing["feeds"] as? [String] == ["herald", "wire"])
        #expect(bombing["entities"] as? [String] == ["khalil-haqqani"])
        #expect(bombing["first_seen"] is String && bombing["last_seen"] is String)
        let reports = try #require(bombing["reports"] as? [[String: Any]])
        #expect(reports.map { $0["feed"] as? String } == ["wire", "herald"])
        #expect(reports[0]["alert"] as? String == bombing["alert"] as? String)
        #expect(reports[1]["alert"] is NSNull)
        #expect(reports[1]["rules"] as? [String] == ["haqqani"])
        let item = try #require(reports[1]["item"] as? [String: Any])
        #expect(item["link"] as? String == "https://news.example/herald-1")
        #expect(Set(item.keys) == ["id", "title", "link", "published"])
        let survivedLine = try #require(stories.first { $0["id"] as? String == survivedStory })
        #expect((survivedLine["reports"] as? [[String: Any]])?.count == 1)

        // A later copy of the herald's report joins as a near-duplicate and
        // does not escalate again.
        let copy = (
            "herald-2", "UPDATE: " + Self.rewritten.1, Self.rewritten.2
        )
        server.route("/herald.xml", .text(Self.rss([copy, Self.rewritten])))
        let third = try runner.run(["poll", "--all"])
        #expect(third.status == 0, "\(third.standardError)")
        let afterThird = try jsonLines(
            try runner.run(["alerts", "--json", "--folded"]).standardOutput)
        #expect(afterThird.filter { $0["kind"] as? String == "escalation" }.count == 1)
        #expect(afterThird.filter { $0["story"] as? String == killedStory }.count == 4)

        let show = try runner.run(["stories", "show", String(killedStory.prefix(8))])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("https://news.example/herald-1"))
        #expect(show.standardOutput.contains("folded"))

        // The index rebuilt from the log keeps every report.
        let reindex = try runner.run(["alerts", "reindex"])
        #expect(reindex.status == 0, "\(reindex.standardError)")
        let rebuilt = try jsonLines(try runner.run(["stories", "--json"]).standardOutput)
        let rebuiltBombing = try #require(rebuilt.first { $0["id"] as? String == killedStory })
        #expect((rebuiltBombing["reports"] as? [[String: Any]])?.count == 3)
        let afterReindex = try jsonLines(try runner.run(["alerts", "--json"]).standardOutput)
        #expect(afterReindex.count == listed.count)

        // `alerts show` lists the other reports of its story.
        let alertShow = try runner.run(["alerts", "show", bombing["alert"] as? String ?? ""])
        #expect(alertShow.standardOutput.contains("other reports of story \(killedStory)"))
        #expect(alertShow.standardOutput.contains("(folded) Taliban minister"))
    }
}
