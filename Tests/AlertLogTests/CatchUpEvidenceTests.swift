import AlertTestSupport
import FeedModel
import Foundation
import SQLiteStore
import Store
import Testing

@testable import AlertLog

/// Alerts recovered from the log after an interrupted pass lost the commit
/// that held their evidence copies: the archive's text of their item gives
/// them one; an item it lacks gives none (until the item is read again).
@Suite struct CatchUpEvidenceTests {
    @Test func aRecoveredAlertWhoseItemIsArchivedKeepsItsText() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        // An item seen (and archived) in an earlier pass; its alert and an
        // alert on an item never archived are written, then the process dies.
        let archivedText = ItemText(
            title: "Khalil Haqqani killed in Kabul blast",
            summary: "At least five people died, officials said.",
            content: "The minister was leaving a mosque when the bomb went off.")
        let item = Item(id: "item-1", title: archivedText.title, text: archivedText)
        try recorder.record(
            [],
            with: PassCommit(
                feed: "herald",
                seenItems: [SeenItem(item: item, contentHash: "h1", firstSeen: now)]),
            now: now)
        let archived = sampleAlert(itemID: "item-1", time: now)
        let unarchived = sampleAlert(itemID: "item-2", time: now)
        try log.append([archived, unarchived])

        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["log"] }, stateIsNew: false, now: now, archive: store)

        #expect(caughtUp.kind == .recovered && caughtUp.indexed == 2)
        #expect(caughtUp.evidenceFromArchive == 1)
        let evidence = try #require(try store.evidence(alertID: archived.id))
        #expect(evidence.title == archivedText.title)
        #expect(evidence.content == archivedText.content)
        #expect(try store.evidence(alertID: unarchived.id) == nil)

        // The unarchived item read again: its alert, recorded before, gets its copy.
        let reread = Item(
            id: "item-2", title: "Khalil Haqqani killed in Kabul blast",
            text: ItemText(title: "Khalil Haqqani killed in Kabul blast", content: "Read again."))
        try recorder.record(
            [],
            with: PassCommit(
                feed: "herald",
                seenItems: [SeenItem(item: reread, contentHash: "h2", firstSeen: now)]),
            now: now, recordedBefore: [unarchived, archived])
        #expect(try store.evidence(alertID: unarchived.id)?.content == "Read again.")
        // One that had a copy keeps the first.
        #expect(try store.evidence(alertID: archived.id) == evidence)
    }
}
