import Foundation
import Testing

/// `feedwatch alerts export --jsonl`: the whole record from the state's
/// index, oldest first, each line as the alert log has it.
@Suite struct AlertsExportTests {
    @Test func theExportIsTheAlertLogLineForLine() throws {
        let workspace = try Workspace()
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title></item>
            <item><guid>b</guid><title>Storm closes airports</title></item>
            <item><guid>c</guid><title>Khalil Haqqani seen in Khost</title></item>
            </channel></rss>
            """)
        #expect(try workspace.runner.run(["poll", "--backfill"]).status == 0)
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>e</guid><title>Khalil Haqqani named in court filing</title></item>
            </channel></rss>
            """)
        #expect(try workspace.runner.run(["poll", "--all"]).status == 0)
        let log = workspace.read("alerts.jsonl")
        // Two passes' records, folded reports among them.
        #expect(log.split(separator: "\n").count >= 3, "\(log)")

        let export = try workspace.runner.run(["alerts", "export", "--jsonl"])

        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput == log)

        let toFile = try workspace.runner.run(
            ["alerts", "export", "--jsonl", "--output", "record.jsonl"])
        #expect(toFile.status == 0, "\(toFile.standardError)")
        #expect(toFile.standardOutput.isEmpty)
        #expect(workspace.read("record.jsonl") == log)
        #expect(!FileManager.default.fileExists(atPath: workspace.url("record.jsonl.partial").path))
    }

    @Test func anIndexEntryWithoutItsLineIsNamedAndTheRestExported() throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll", "--backfill"]).status == 0)
        let log = workspace.read("alerts.jsonl")
        // The log replaced by something else: the index points at nothing valid.
        try workspace.write("alerts.jsonl", String(repeating: "x", count: log.utf8.count))

        let export = try workspace.runner.run(["alerts", "export", "--jsonl"])

        #expect(export.status == 1)
        #expect(export.standardOutput.isEmpty)
        #expect(export.standardError.contains("alerts reindex"), "\(export.standardError)")
    }

    @Test func aFormatMustBeChosen() throws {
        let workspace = try Workspace()
        let refused = try workspace.runner.run(["alerts", "export"])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("--jsonl"))
    }
}
