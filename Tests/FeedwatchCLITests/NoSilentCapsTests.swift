import Foundation
import Testing

/// What an alert record cuts, it says; what the analyst searches by, it keeps.
@Suite struct NoSilentCapsTests {
    /// A name of letters only, distinct for each number.
    static func name(_ number: Int) -> String {
        let letters = Array("bcdfghjklmnpqrstvwxz")
        var word = ""
        var rest = number
        for _ in 0..<4 {
            word.append(letters[rest % letters.count])
            word.append("a")
            rest /= letters.count
        }
        return "Vark " + word.capitalized
    }

    @Test func anItemNamingMoreEntitiesThanTheEvidenceKeepsIsFoundByEachAndSaysItWasCut()
        throws
    {
        // Past the evidence limit of 1024 stretches (RuleHit.evidenceLimit).
        let count = 1100
        let workspace = try Workspace()
        var rules = ""
        for number in 0..<count {
            rules += "entity \"\(Self.name(number))\"\n  id person-\(number)\n  tag network\n\n"
        }
        rules += "rule \"Network\"\n  id network\n  severity high\n  match @tag:network\n"
        try workspace.write("rules/watch.rules", rules)
        let names = (0..<count).map { "\(Self.name($0)) was named." }.joined(separator: " ")
        let title = String(repeating: "sanctions-", count: 300)
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>list</guid><title>\(title)</title><description>\(names)</description></item>
            </channel></rss>
            """)

        let poll = try workspace.runner.run(["poll", "--backfill"])

        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(poll.standardError.contains("feed wire, item list: the alert of rule network"))
        #expect(poll.standardError.contains("first 1024 stretches"))
        #expect(poll.standardError.contains("title of 3000 characters is cut at 1000"))
        let line = workspace.read("alerts.jsonl")
        #expect(line.contains("\"truncated\":{\"evidence\":true,\"title_characters\":3000}"))
        for entity in ["person-0", "person-500", "person-1099"] {
            let found = try workspace.runner.run(["alerts", "--entity", entity, "--json"])
            #expect(found.status == 0, "\(found.standardError)")
            #expect(found.standardOutput.split(separator: "\n").count == 1, "\(entity)")
        }
    }
}
