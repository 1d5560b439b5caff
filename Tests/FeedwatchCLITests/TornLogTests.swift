import Foundation
import Testing

/// What `poll` does with an alert log whose last line was torn by a process
/// killed mid-write: it sets the line aside, says so, and writes the alert again.
@Suite struct TornLogTests {
    @Test func pollSetsATornLineAsideSaysSoAndWritesItsAlertOnce() throws {
        let workspace = try Workspace()
        let torn = "{\"entities\":[\"khalil-haqqani\"],\"feed\":\"wire\",\"id\":\"4f"
        try workspace.write("alerts.jsonl", torn)

        let poll = try workspace.runner.run(["poll", "--backfill"])

        #expect(poll.status == 0, "\(poll.standardError)")
        let log = workspace.url("alerts.jsonl").path
        #expect(poll.standardError.contains("alerting: \(log): its last line was torn"))
        #expect(poll.standardError.contains("moved to \(log).torn"))
        #expect(workspace.read("alerts.jsonl.torn") == torn + "\n")
        let lines = workspace.read("alerts.jsonl").split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\"rule\":\"haqqani\"") == true)
        let again = try workspace.runner.run(["poll", "--all"])
        #expect(again.status == 0)
        #expect(!again.standardError.contains("torn"))
        #expect(workspace.read("alerts.jsonl").split(separator: "\n").count == 1)
    }
}
