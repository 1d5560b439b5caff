import Foundation
import Testing

/// An index entry that no longer points at its alert is never a silent gap
/// in an answer: the review says so, names the file, and exits 1.
@Suite struct StaleIndexTests {
    @Test func aReviewThatFindsAStaleIndexEntrySaysSoAndFails() throws {
        let workspace = try Workspace()
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        let before = try workspace.runner.run(["alerts", "--json"])
        #expect(before.status == 0)
        #expect(before.standardOutput.contains("\"haqqani\""))

        // Bytes inserted before the alerts shift every line the index points at.
        let log = workspace.read("alerts.jsonl")
        try workspace.write("alerts.jsonl", "{\"shifted\":true}\n" + log)
        let after = try workspace.runner.run(["alerts", "--json"])
        #expect(after.status == 1)
        #expect(after.standardError.contains("alerts.jsonl at byte 0"))
        #expect(after.standardError.contains("alerts reindex"))

        let reindex = try workspace.runner.run(["alerts", "reindex"])
        #expect(reindex.status == 0, "\(reindex.standardError)")
        let repaired = try workspace.runner.run(["alerts", "--json"])
        #expect(repaired.status == 0, "\(repaired.standardError)")
        #expect(repaired.standardOutput.contains("\"haqqani\""))
    }
}
