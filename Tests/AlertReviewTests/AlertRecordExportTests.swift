import AlertLog
import AlertTestSupport
import Foundation
import SQLiteStore
import Store
import Testing

@testable import AlertReview

/// The export pages through the index oldest first and copies each line: at
/// any page size, across rotated files, and through runs of alerts of one time.
@Suite struct AlertRecordExportTests {
    @Test(arguments: [1, 2, 3, 1000])
    func theExportIsTheLogsFilesInOrderAtAnyPageSize(pageSize: Int) throws {
        let folder = try TemporaryFolder()
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        // Five alerts of one time (more than a page), then one, then three of one time.
        let offsets = [0, 0, 0, 0, 0, 60, 120, 120, 120]
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"), rotationSize: 1500)
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        for (index, offset) in offsets.enumerated() {
            let alert = sampleAlert(
                itemID: "item-\(index)", time: start.addingTimeInterval(Double(offset)),
                title: "Report \(index)")
            try recorder.record(
                [AlertRecorder.Notified(alert: alert, sinks: ["log"])],
                with: PassCommit(feed: alert.feed), now: alert.time)
        }
        let files = AlertLogFiles(path: folder.path("alerts.jsonl")).chronological()
        #expect(files.count > 2, "the log should have rotated")
        let expected = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()

        var exported = Data()
        let search = try AlertSearch(logPath: folder.path("alerts.jsonl"), index: store)
        let problems = try AlertRecordExport(search: search, pageSize: pageSize).export {
            exported.append($0)
            exported.append(0x0A)
        }

        #expect(problems.isEmpty)
        #expect(String(decoding: exported, as: UTF8.self) == expected)
        #expect(expected.split(separator: "\n").count == offsets.count)
    }
}
