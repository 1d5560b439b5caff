import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import Store
import Testing

/// Due feeds divided among monitors by leases: each feed to one monitor at a
/// time, taken over when a lease runs out.
@Suite struct FeedLeaseTests {
    let now = SampleItems.epoch
    let feeds = (0..<10).map { "feed-\($0)" }

    func stores(_ count: Int) throws -> [PostgreSQLStateStore] {
        let database = try TestPostgreSQL.newDatabase()
        return try (0..<count).map { _ in
            try PostgreSQLStateStore(url: database.url, password: database.password)
        }
    }

    @Test func twoMonitorsClaimDifferentFeeds() throws {
        let monitors = try stores(2)

        let first = try monitors[0].claimDueFeeds(
            feeds, holder: "host-a", now: now, duration: 600, limit: 4)
        let second = try monitors[1].claimDueFeeds(
            feeds, holder: "host-b", now: now, duration: 600, limit: 100)

        #expect(first.count == 4)
        #expect(second.count == 6)
        #expect(Set(first + second) == Set(feeds))
        #expect(
            try monitors[0].claimDueFeeds(
                feeds, holder: "host-a", now: now, duration: 600, limit: 100
            ).isEmpty)
    }

    @Test func monitorsClaimingAtOnceNeverShareAFeed() async throws {
        let monitors = try stores(4)
        let manyFeeds = (0..<200).map { "feed-\($0)" }
        let now = self.now

        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, monitor) in monitors.enumerated() {
                group.addTask {
                    var claimed: [String] = []
                    // Small claims, so that the monitors' transactions interleave.
                    while true {
                        let batch = try monitor.claimDueFeeds(
                            manyFeeds, holder: "host-\(index)", now: now, duration: 600,
                            limit: 7)
                        if batch.isEmpty { return claimed }
                        claimed += batch
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        let all = claims.flatMap { $0 }
        #expect(all.count == manyFeeds.count)
        #expect(Set(all) == Set(manyFeeds))
    }

    @Test func aFeedPolledAndReleasedWaitsForItsNextPoll() throws {
        let monitor = try stores(1)[0]
        let claimed = try monitor.claimDueFeeds(
            ["dawn"], holder: "host-a", now: now, duration: 600, limit: 10)
        #expect(claimed == ["dawn"])

        try monitor.saveFeedState(
            FeedState(name: "dawn", url: "https://dawn.example/feed", nextPoll: now + 300))
        try monitor.releaseFeeds(["dawn"], holder: "host-a")

        #expect(
            try monitor.claimDueFeeds(
                ["dawn"], holder: "host-b", now: now + 299, duration: 600, limit: 10
            ).isEmpty)
        #expect(
            try monitor.claimDueFeeds(
                ["dawn"], holder: "host-b", now: now + 300, duration: 600, limit: 10) == ["dawn"])
    }

    @Test func theFeedsOfAMonitorThatDiedAreTakenOverWhenItsLeaseRunsOut() throws {
        let monitors = try stores(2)
        _ = try monitors[0].claimDueFeeds(
            feeds, holder: "died", now: now, duration: 600, limit: 100)

        #expect(
            try monitors[1].claimDueFeeds(
                feeds, holder: "survivor", now: now + 599, duration: 600, limit: 100
            ).isEmpty)
        #expect(
            try monitors[1].claimDueFeeds(
                feeds, holder: "survivor", now: now + 600, duration: 600, limit: 100) == feeds)
    }

    @Test func onlyTheHolderReleasesItsLease() throws {
        let monitor = try stores(1)[0]
        _ = try monitor.claimDueFeeds(["dawn"], holder: "host-a", now: now, duration: 600, limit: 1)

        try monitor.releaseFeeds(["dawn"], holder: "host-b")

        #expect(
            try monitor.claimDueFeeds(
                ["dawn"], holder: "host-b", now: now, duration: 600, limit: 1
            ).isEmpty)
    }

    @Test func claimingEveryFeedTakesThoseNotDueButNeverALiveLease() throws {
        let monitors = try stores(2)
        try monitors[0].saveFeedState(
            FeedState(name: "feed-0", url: "https://example.org/0", nextPoll: now + 3600))
        _ = try monitors[0].claimDueFeeds(
            ["feed-1"], holder: "host-a", now: now, duration: 600, limit: 1)

        let claimed = try monitors[1].claimFeeds(
            Array(feeds.prefix(3)), holder: "host-b", now: now, duration: 600, limit: 10)

        #expect(claimed == ["feed-0", "feed-2"])
    }

    @Test func aRenewedLeaseOutlivesItsFirstTermAndALostOneIsNotTakenBack() throws {
        let monitors = try stores(2)
        _ = try monitors[0].claimDueFeeds(
            ["dawn", "wire"], holder: "host-a", now: now, duration: 600, limit: 10)

        let renewed = try monitors[0].renewFeedLeases(
            ["dawn", "wire"], holder: "host-a", now: now + 500, duration: 600)

        #expect(renewed == ["dawn", "wire"])
        #expect(
            try monitors[1].claimDueFeeds(
                ["dawn", "wire"], holder: "host-b", now: now + 700, duration: 600, limit: 10
            ).isEmpty)
        // Past the renewed term another monitor takes the feeds; the first cannot renew them.
        #expect(
            try monitors[1].claimDueFeeds(
                ["dawn"], holder: "host-b", now: now + 1100, duration: 600, limit: 10) == ["dawn"])
        #expect(
            try monitors[0].renewFeedLeases(
                ["dawn", "wire"], holder: "host-a", now: now + 1100, duration: 600) == ["wire"])
    }
}
