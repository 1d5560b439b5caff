import Foundation
import Store
import Testing

/// Mutes, digests and stories as every backend keeps them.
@Suite struct HeldMessagesTests {
    let now = SampleItems.epoch

    @Test(arguments: StoreBackend.allCases) func mutesReplaceExpireAndLift(backend: StoreBackend)
        throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.setMute(Mute(target: .entity("iskp"), until: now + 60, createdAt: now))
        try store.setMute(
            Mute(target: .entity("iskp"), until: now + 3600, note: "known", createdAt: now))
        try store.setMute(Mute(target: .feed("dawn"), until: now + 30, createdAt: now))

        #expect(
            try store.activeMutes(now: now).map(\.target) == [.entity("iskp"), .feed("dawn")])
        #expect(try store.activeMutes(now: now).first?.note == "known")
        #expect(try store.activeMutes(now: now + 30).map(\.target) == [.entity("iskp")])
        #expect(try store.removeMute(.entity("iskp")))
        #expect(try !store.removeMute(.rule("never-muted")))
        #expect(try store.activeMutes(now: now).map(\.target) == [.feed("dawn")])
    }

    @Test(arguments: StoreBackend.allCases)
    func heldMessagesFoldIntoOneDeliveryOnce(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let entries = ["m1", "m2", "m3"].enumerated().map { offset, key in
            NewDigestEntry(
                messageKey: key, sink: offset == 2 ? "later" : "ops", alertIDs: ["a-\(key)", "b"],
                due: now + (offset == 2 ? 3600 : 0), content: Data(key.utf8), createdAt: now)
        }
        try store.commit(PassCommit(feed: "dawn", digestEntries: entries))
        // Held again by a repeated pass: stored once.
        try store.commit(PassCommit(feed: "dawn", digestEntries: entries))

        let due = try store.dueDigests(now: now)
        #expect(due.map(\.sink) == ["ops"])
        #expect(due.first?.entries.map(\.messageKey) == ["m1", "m2"])
        #expect(due.first?.entries.first?.alertIDs == ["a-m1", "b"])
        #expect(due.first?.entries.first?.content == Data("m1".utf8))
        #expect(try store.heldDigestEntryCount() == 3)
        #expect(try store.nextDeliveryTime() == now)

        let digest = NewDelivery(
            alertID: "digest-ops-1", sink: "ops", payload: Data("both".utf8), firstAttempt: now,
            expiresAt: now + 86_400, alertIDs: ["a-m1", "a-m2", "b"])
        try store.foldDigest(entryIDs: due.first?.entries.map(\.id) ?? [], into: digest)

        #expect(try store.heldDigestEntryCount() == 1)
        #expect(try store.dueDigests(now: now).isEmpty)
        #expect(try store.deliveries(alertID: "a-m2").map(\.alertID) == ["digest-ops-1"])
        #expect(try store.deliveryCountsBySink()["ops"]?.pending == 1)
    }

    @Test(arguments: StoreBackend.allCases) func storiesAreFoundByTimeAndID(backend: StoreBackend)
        throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let stories = (0..<3).map { index -> StoredStory in
            let offset = Double(index)
            return StoredStory(
                id: "s\(index)", firstSeen: now.addingTimeInterval(offset * 60),
                lastSeen: now.addingTimeInterval((3 - offset) * 600),
                feeds: ["dawn", "tolo, news"], entities: ["iskp"], alertedRules: ["kabul-attacks"],
                escalatedRules: index == 0 ? ["escalate"] : [],
                members: Data([0, UInt8(index), 255]))
        }
        try store.saveStories(stories)

        #expect(try store.stories(since: now + 60).map(\.id) == ["s1", "s2"])
        #expect(try store.stories(lastSeenSince: nil).map(\.id) == ["s0", "s1", "s2"])
        #expect(try store.stories(lastSeenSince: now + 1200).map(\.id) == ["s0", "s1"])
        #expect(
            try store.stories(ids: ["s2", "missing", "s0"]).map(\.id).sorted() == ["s0", "s2"])
        #expect(try store.stories(ids: ["s0"]) == [stories[0]])
    }
}
