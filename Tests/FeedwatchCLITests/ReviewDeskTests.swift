import Foundation
import Testing

/// The analyst's review desk, through the real binary: filters that mean
/// what they say, unknown values refused, the list, acknowledgements, and
/// `alerts show` with the evidence kept with the alert.
@Suite struct ReviewDeskTests {
    /// Two rules fire on item a (one pass, one item), one on item c; the
    /// feed `quiet` is configured and has raised nothing.
    static func workspace(extraMonitor: String = "") throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s
            \(extraMonitor)

            [feed wire]
            url = file:wire.xml

            [feed quiet]
            url = file:quiet.xml
            """)
        try workspace.write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani

            rule "Kabul"
              id kabul
              severity medium
              match kabul
            """)
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title>
              <description>A blast at the ministry in Kabul killed Khalilur Rehman Haqqani, officials said.</description>
              <pubDate>Thu, 03 Dec 2026 06:31:00 GMT</pubDate></item>
            <item><guid>b</guid><title>Storm closes airports</title></item>
            <item><guid>c</guid><title>Traffic in Kabul resumes after the storm</title></item>
            </channel></rss>
            """)
        try workspace.write(
            "quiet.xml",
            "<rss version=\"2.0\"><channel><title>Quiet</title><item><guid>q</guid><title>Nothing</title></item></channel></rss>"
        )
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        return workspace
    }

    /// The records `alerts --json` prints with `arguments`.
    static func records(_ workspace: Workspace, _ arguments: [String]) throws -> [[String: Any]] {
        let output = try workspace.runner.run(["alerts", "--json"] + arguments)
        #expect(output.status == 0, "\(arguments): \(output.standardError)")
        return try output.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func id(_ workspace: Workspace, rule: String, item: String) throws -> String {
        let record = try records(workspace, ["--rule", rule]).first {
            ($0["item"] as? [String: Any])?["id"] as? String == item
        }
        return try #require(record?["id"] as? String)
    }

    /// `date` written with `format` in `zone`.
    static func text(_ date: Date, _ format: String, zone: String = "UTC") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = format
        return formatter.string(from: date)
    }

    @Test func sinceAndUntilReadEveryFormAsWritten() throws {
        let workspace = try Self.workspace()
        let records = try Self.records(workspace, [])
        #expect(records.count == 3)
        let time = try #require(
            (records.first?["time"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        let minute = "yyyy-MM-dd'T'HH:mm"
        let before = time.addingTimeInterval(-120)
        let after = time.addingTimeInterval(120)
        // (arguments, how many of the three alerts they keep)
        let cases: [([String], Int)] = [
            (["--since", Self.text(time, minute)], 3),
            (["--until", Self.text(time, minute)], 3),
            (["--since", Self.text(time, minute) + "Z"], 3),
            (["--until", Self.text(time, minute) + "Z"], 3),
            (["--since", Self.text(time, minute + ":00")], 3),
            (["--since", Self.text(after, minute)], 0),
            (["--until", Self.text(before, minute)], 0),
            (["--until", Self.text(before, minute + ":ss.SSS") + "Z"], 0),
            (["--since", Self.text(before, "yyyyMMdd'T'HHmm")], 3),
            (["--since", Self.text(time, "yyyy-MM-dd")], 3),
            (["--until", Self.text(time, "yyyy-MM-dd")], 3),
            (["--since", Self.text(time.addingTimeInterval(86400), "yyyy-MM-dd")], 0),
            (["--until", Self.text(time.addingTimeInterval(-86400), "yyyy-MM-dd")], 0),
            (["--since", Self.text(before, "yyyy-DDD'T'HH:mm")], 3),
            // No zone: the display zone. Kolkata's wall clock read as UTC is 5.5 h ahead.
            (
                [
                    "--tz", "Asia/Kolkata", "--since",
                    Self.text(before, minute, zone: "Asia/Kolkata"),
                ], 3
            ),
            (["--tz", "UTC", "--since", Self.text(before, minute, zone: "Asia/Kolkata")], 0),
            (["--since", Self.text(before, minute, zone: "Asia/Kolkata") + "+05:30"], 3),
            (["--since", Self.text(after, minute, zone: "Asia/Kolkata") + "+0530"], 0),
            (["--since", "90m"], 3), (["--until", "90m"], 0), (["--since", "2w"], 3),
            (["--since", "today", "--tz", "UTC"], 3),
            (["--until", "yesterday", "--tz", "UTC"], 0),
        ]
        for (arguments, expected) in cases {
            let kept = try Self.records(workspace, ["--tz", "UTC"] + arguments).count
            #expect(kept == expected, "\(arguments)")
        }
    }

    @Test(arguments: [
        "2026-13-01", "yesterdayish", "12/03/2026", "2026-12-03T25:00", "2026-02-30", "1.5h",
    ])
    func anUnreadableTimeIsAUsageErrorShowingTheForms(text: String) throws {
        let workspace = try Workspace()
        for option in ["--since", "--until"] {
            let output = try workspace.runner.run(["alerts", option, text])
            #expect(output.status == 64)
            #expect(output.standardError.contains("\(option) \(text)"))
            #expect(output.standardError.contains("2026-W49-4"))
            #expect(output.standardError.contains("today"))
        }
        let stories = try workspace.runner.run(["stories", "--since", text])
        #expect(stories.status == 64)
    }

    @Test func unknownFilterValuesAreRefusedWithADidYouMean() throws {
        let workspace = try Self.workspace()
        let refused: [([String], String)] = [
            (["--rule", "haqani"], "did you mean haqqani?"),
            (["--not-rule", "kabl"], "did you mean kabul?"),
            (["--feed", "wrie"], "did you mean wire?"),
            (["--not-feed", "quite"], "did you mean quiet?"),
            (["--entity", "@prigozhin"], "no alert names entity prigozhin"),
            (["--entity", "@khalil"], "did you mean khalil-haqqani?"),
            (["--not-entity", "khalil-haqani"], "did you mean khalil-haqqani?"),
            (["--story", "s-nope"], "no alert belongs to story s-nope"),
        ]
        for (arguments, message) in refused {
            for command in [["alerts"], ["alerts", "stats"]] {
                let output = try workspace.runner.run(command + arguments)
                #expect(output.status == 64, "\(arguments)")
                #expect(
                    output.standardError.contains(arguments[1].drop { $0 == "@" }), "\(arguments)")
                #expect(
                    output.standardError.contains(message), "\(arguments): \(output.standardError)")
                #expect(output.standardOutput.isEmpty)
            }
        }
        let stories = try workspace.runner.run(["stories", "--entity", "@prigozhin"])
        #expect(stories.status == 64)
        #expect(stories.standardError.contains("prigozhin"))
        #expect(try workspace.runner.run(["stories", "--entity", "@khalil-haqqani"]).status == 0)
        // A configured feed that raised nothing is known: an empty answer.
        #expect(try Self.records(workspace, ["--feed", "quiet"]).isEmpty)
    }

    @Test func exclusionsAndKindsLeaveOut() throws {
        let workspace = try Self.workspace()
        let cases: [([String], Int)] = [
            (["--entity", "@khalil-haqqani"], 1), (["--entity", "khalil-haqqani"], 1),
            (["--not-entity", "@khalil-haqqani"], 2), (["--not-rule", "kabul"], 1),
            (["--not-rule", "kabul", "--not-rule", "haqqani"], 0), (["--not-feed", "wire"], 0),
            (["--kind", "alert"], 3), (["--kind", "feed-health"], 0),
            (["--kind", "escalation,feed-health"], 0), (["--kind", "report"], 0),
        ]
        for (arguments, expected) in cases {
            #expect(try Self.records(workspace, arguments).count == expected, "\(arguments)")
        }
        let bad = try workspace.runner.run(["alerts", "--kind", "alerts"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("feed-health"))
    }

    @Test func theListIsAlignedToTheWidthAndGroupsOneItemsRules() throws {
        let workspace = try Self.workspace()
        for width in [80, 120] {
            let output = try workspace.runner.run(
                ["alerts", "--tz", "UTC"], environment: ["COLUMNS": "\(width)"])
            #expect(output.status == 0)
            let lines = output.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("ID"))
            // Below 100 columns the published time is left out, for every row.
            #expect(lines[0].contains("SEVERITY"))
            #expect(lines[0].contains("PUBLISHED") == (width >= 100))
            #expect(lines[0].contains("DETECTED") && lines[0].contains("times UTC"))
            for line in lines { #expect(line.count <= width, "\(line)") }
            // Newest first: item c's alert, then item a's two rules, grouped.
            #expect(lines[1].contains("Traffic in Kabul"))
            #expect(lines[2].contains("12-03 06:31") == (width >= 100))
            #expect(lines[3].contains("″ same item"))
            #expect(!lines[3].contains("wire"))
            let severity = lines[0].range(of: "SEVERITY")!.lowerBound.utf16Offset(in: lines[0])
            for line in lines.dropFirst() {
                let start = line.index(line.startIndex, offsetBy: severity)
                #expect(["HIGH", "MEDIUM"].contains { line[start...].hasPrefix($0) }, "\(line)")
            }
        }
        let zoned = try workspace.runner.run(["alerts", "--tz", "Asia/Kolkata"])
        #expect(zoned.standardOutput.contains("times Asia/Kolkata (+05:30)"))
        #expect(zoned.standardOutput.contains("12-03 12:01"))
        let badZone = try workspace.runner.run(["alerts", "--tz", "Mars/Olympus"])
        #expect(badZone.status == 64)
        #expect(badZone.standardError.contains("Mars/Olympus"))
    }

    @Test func acknowledgementsAreKeptShownAndFiltered() throws {
        let workspace = try Self.workspace()
        let id = try Self.id(workspace, rule: "haqqani", item: "a")
        let ack = try workspace.runner.run(
            ["alerts", "ack", String(id.prefix(10)), "--note", "called the desk"],
            environment: ["USER": "ana"])
        #expect(ack.status == 0, "\(ack.standardError)")
        #expect(ack.standardOutput.contains("acknowledged \(id)"))

        func check() throws {
            let acked = try Self.records(workspace, ["--acked"])
            #expect(acked.map { $0["id"] as? String } == [id])
            let fields = try #require(acked.first?["ack"] as? [String: Any])
            #expect(fields["acked_by"] as? String == "ana")
            #expect(fields["note"] as? String == "called the desk")
            #expect((fields["acked_at"] as? String)?.hasSuffix("Z") == true)
            #expect(try Self.records(workspace, ["--unacked"]).count == 2)
            #expect(try Self.records(workspace, ["--unacked"]).allSatisfy { $0["ack"] is NSNull })
            let csv = try workspace.runner.run(["alerts", "--csv", "--acked"]).standardOutput
            #expect(csv.hasPrefix("id,time,") && csv.contains(",acked_at,acked_by,ack_note"))
            #expect(csv.contains(",ana,called the desk"))
            let show = try workspace.runner.run(["alerts", "show", id, "--tz", "UTC"])
            #expect(show.standardOutput.contains("by ana: called the desk"))
            let list = try workspace.runner.run(["alerts"]).standardOutput
            #expect(list.contains("\(id.prefix(10)) ✓"))
        }
        try check()
        try Self.expectFollowShowsTheAcknowledgement(of: id, in: workspace)
        // The index is rebuilt from the log; the acknowledgement stays.
        let reindex = try workspace.runner.run(["alerts", "reindex"])
        #expect(reindex.status == 0, "\(reindex.standardError)")
        try check()

        let unack = try workspace.runner.run(["alerts", "unack", id])
        #expect(unack.status == 0)
        #expect(try Self.records(workspace, ["--acked"]).isEmpty)
        #expect(try workspace.runner.run(["alerts", "--acked", "--unacked"]).status == 64)

        // An unknown id acknowledges nothing, not even the known ones beside it.
        let other = try Self.id(workspace, rule: "kabul", item: "c")
        let typo = try workspace.runner.run(["alerts", "ack", other, "ffffffffff"])
        #expect(typo.status == 1)
        #expect(typo.standardError.contains("no alert with id ffffffffff"))
        #expect(try Self.records(workspace, ["--acked"]).isEmpty)
    }

    @Test func anAcknowledgementGoesInBesideARunningMonitor() throws {
        let workspace = try Self.workspace()
        let id = try Self.id(workspace, rule: "kabul", item: "c")
        let process = try workspace.runner.start(["run"], standardError: workspace.url("run.log"))
        defer {
            kill(process.processIdentifier, SIGTERM)
            _ = workspace.runner.finish(process)
        }
        try waitUntil { workspace.read("run.log").contains("monitoring 2 feeds") }
        let locked = try workspace.runner.run(["state", "prune"])
        #expect(locked.status == 75)
        let ack = try workspace.runner.run(["alerts", "ack", id])
        #expect(ack.status == 0, "\(ack.standardError)")
        #expect(try Self.records(workspace, ["--acked"]).count == 1)
    }

    @Test func showHighlightsTheEvidenceAfterTheArchiveIsPruned() throws {
        let workspace = try Self.workspace(extraMonitor: "archive = 1s")
        let id = try Self.id(workspace, rule: "haqqani", item: "a")
        // Retention removes the item's text from the archive once it is a second old.
        try waitUntil {
            _ = try? workspace.runner.run(["state", "prune"])
            let stats = (try? workspace.runner.run(["state", "stats", "--json"]))?.standardOutput
            return Self.archivedRows(stats) == 0
        }
        let show = try workspace.runner.run([
            "alerts", "show", String(id.prefix(12)), "--tz", "UTC",
        ])
        #expect(show.status == 0, "\(show.standardError)")
        let text = show.standardOutput
        #expect(text.contains("rule       haqqani: Haqqani"))
        #expect(text.contains("match      @khalil-haqqani"))
        #expect(text.contains("published  2026-12-03 06:31Z"))
        #expect(text.contains("»Khalilur Rehman Haqqani« killed in Kabul"))
        #expect(
            text.contains(
                "A blast at the ministry in Kabul killed »Khalilur Rehman Haqqani«, officials said."
            ))
        #expect(text.contains("not acknowledged"))
        #expect(text.contains("deliveries"))
        // The other rule on the same item is another report of its story.
        #expect(text.contains("other reports of story"))
        #expect(text.contains("kabul"))

        let json = try workspace.runner.run(["alerts", "show", id, "--json"])
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        let evidence = try #require(record["evidence"] as? [String: Any])
        #expect(evidence["rule_match"] as? String == "@khalil-haqqani")
        #expect((evidence["summary"] as? String)?.hasPrefix("A blast at the ministry") == true)
    }

    /// `archived_items` in `state stats --json`.
    static func archivedRows(_ json: String?) -> Int? {
        guard let json,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return nil }
        return object["archived_items"] as? Int
    }
}

extension ReviewDeskTests {
    /// `alerts follow --json` writes the records `alerts --json` writes: the
    /// recent alerts it starts with carry their acknowledgement, or null.
    static func expectFollowShowsTheAcknowledgement(of id: String, in workspace: Workspace) throws {
        let follow = try workspace.runner.start(["alerts", "follow", "--json", "--last", "3"])
        defer {
            if follow.isRunning { kill(follow.processIdentifier, SIGKILL) }
        }
        let output = PipeCollector(try #require(follow.standardOutput as? Pipe))
        try waitUntil { output.text.split(separator: "\n").count == 3 }
        let records = try output.text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let acked = records.filter { !($0["ack"] is NSNull) }
        #expect(acked.map { $0["id"] as? String } == [id])
        #expect((acked.first?["ack"] as? [String: Any])?["acked_by"] as? String == "ana")
        #expect(records.allSatisfy { $0.keys.contains("ack") })
    }
}
