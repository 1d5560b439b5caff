import FeedModel
import FeedParser
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Monitor

/// Items whose guid or link says nothing (none, or one for several items),
/// inserted, deleted, brought back and reordered at random between passes
/// of the real pipeline: every new item alerts once, and no item that was
/// there before ever alerts again.
@Suite("Item identity under reordering")
struct ItemIdentityPropertyTests {
    /// How the generated items identify themselves.
    enum Identity: String, CaseIterable, Sendable {
        /// No guid and no link: ids come from title and date.
        case nothing
        /// Every item carries the same guid.
        case sharedGuid
        /// No guid, and every item the same link.
        case sharedLink
    }

    /// One item of the generated feed; `serial` tells items apart in the test
    /// only, through the text.
    struct GeneratedItem: Equatable {
        var serial: Int
        var title: String
        var text: String
        var date: String?
    }

    @Test(
        "Insertions, deletions and reorderings never miss nor repeat an alert",
        arguments: Identity.allCases)
    func randomEdits(identity: Identity) throws {
        let fixture = try MonitorFixture(feeds: ["news": "file:feeds/news.xml"])
        var generator = SplitMix(seed: 0xF00D + UInt64(identity.rawValue.utf8.count))
        var serial = 0
        func makeItem() -> GeneratedItem {
            serial += 1
            // Titles repeat on purpose: the first words of the text, or the
            // date, tell such items apart.
            let titles = [
                "Khalil Haqqani statement", "Khalil Haqqani update", "Khalil Haqqani seen in Kabul",
            ]
            return GeneratedItem(
                serial: serial, title: titles[generator.below(titles.count)],
                text: "Report \(serial) from the \(["north", "south", "east"][serial % 3]).",
                date: generator.below(3) == 0
                    ? nil : "Mon, 0\(1 + serial % 9) Dec 2026 \(10 + serial % 12):00:00 GMT")
        }
        var items = (0..<5).map { _ in makeItem() }
        var removed: [GeneratedItem] = []
        try fixture.writeFeed("news.xml", Self.feed(items, identity: identity))
        let (baseline, silent) = try fixture.poll()
        #expect(silent.isEmpty)
        #expect(baseline.baselineItems == 5)
        // Items the monitor has read in some pass: the ones that are not new.
        var read = Set(items.map(\.serial))

        for step in 0..<25 {
            for _ in 0..<generator.below(3) {
                items.insert(makeItem(), at: generator.below(items.count + 1))
            }
            for _ in 0..<generator.below(3) where items.count > 2 {
                removed.append(items.remove(at: generator.below(items.count)))
            }
            if !removed.isEmpty, generator.below(4) == 0 {
                // An item the feed dropped comes back: it is not new.
                items.insert(
                    removed.remove(at: generator.below(removed.count)),
                    at: generator.below(items.count + 1))
            }
            if generator.below(2) == 0 { items.shuffle(using: &generator) }
            let document = Self.feed(items, identity: identity)
            try fixture.writeFeed("news.xml", document)
            let serialsByID = try Self.serials(in: document)
            let (_, alerts) = try fixture.poll()
            let alerted = alerts.map { serialsByID[$0.item.id] ?? -1 }
            let new = Set(items.map(\.serial)).subtracting(read)
            #expect(
                alerted.sorted() == new.sorted(),
                "step \(step), \(identity): alerted \(alerted.sorted()), new \(new.sorted())")
            read.formUnion(new)
        }
    }

    @Test(
        "Items seen under position-based ids are not alerted again",
        arguments: Identity.allCases)
    func positionBasedIDsOfOlderStates(identity: Identity) throws {
        let fixture = try MonitorFixture(feeds: ["news": "file:feeds/news.xml"])
        let items = (1...4).map {
            GeneratedItem(
                serial: $0, title: "Khalil Haqqani update", text: "Report \($0).",
                date: "Mon, 0\($0) Dec 2026 10:00:00 GMT")
        }
        let document = Self.feed(items, identity: identity)
        try fixture.writeFeed("news.xml", document)
        let parsed = try FeedParser.parse(Data(document.utf8))
        // The state an earlier version left: its ids for items sharing a guid
        // or link were the base id, then the base and the position; for items
        // with neither, a hash of title and date alone.
        try Self.recordSeen(
            parsed.items,
            ids: { position, base in
                if identity == .nothing { return "hash:\(String(position, radix: 16))" }
                return position == 0 ? base : base + "#\(position)"
            }, in: fixture)

        let (summary, alerts) = try fixture.poll()
        #expect(alerts.isEmpty)
        #expect(summary.newItems == 0)

        // A new item after that alerts, once.
        let fresh = GeneratedItem(
            serial: 5, title: "Khalil Haqqani update", text: "Report 5.",
            date: "Mon, 05 Dec 2026 10:00:00 GMT")
        let next = Self.feed([fresh] + items, identity: identity)
        try fixture.writeFeed("news.xml", next)
        let (_, second) = try fixture.poll()
        let serialsByID = try Self.serials(in: next)
        #expect(second.map { serialsByID[$0.item.id] } == [5])
    }

    @Test func anItemWhoseGuidBecomesSharedIsNotAlertedAgain() throws {
        let fixture = try MonitorFixture(feeds: ["news": "file:feeds/news.xml"])
        let first = GeneratedItem(
            serial: 1, title: "Khalil Haqqani update", text: "Report 1.", date: nil)
        try fixture.writeFeed("news.xml", Self.feed([first], identity: .sharedGuid))
        _ = try fixture.poll()
        let second = GeneratedItem(
            serial: 2, title: "Khalil Haqqani update", text: "Report 2.", date: nil)
        let document = Self.feed([second, first], identity: .sharedGuid)
        try fixture.writeFeed("news.xml", document)
        let (_, alerts) = try fixture.poll()
        let serialsByID = try Self.serials(in: document)
        #expect(alerts.map { serialsByID[$0.item.id] } == [2])
    }

    /// Marks `items` seen under the ids `ids` makes from each one's position
    /// and base id, as a pass of an earlier version would have, and the feed
    /// as read before (so the next pass is not a first contact).
    static func recordSeen(
        _ items: [Item], ids: (Int, String) -> String, in fixture: MonitorFixture
    ) throws {
        let setup = try ConfigurationAndRules.load(
            configPath: fixture.configPath, rulesDirectory: fixture.rulesDirectory)
        // Closed at the end of this function: the pass takes the state's lock.
        let store = try SQLiteStateStore(path: setup.state.sqlitePath ?? "")
        let seen = items.enumerated().map { position, item in
            var old = item
            old.id = ids(position, DerivedItemID.base(of: item.id))
            return SeenItem(item: old, contentHash: ContentHash.of(item), firstSeen: Date())
        }
        var state = FeedState(name: "news", url: "file:feeds/news.xml")
        state.lastSuccess = Date(timeIntervalSinceNow: -3600)
        try store.commit(PassCommit(feed: "news", seenItems: seen, feedStates: [state]))
    }

    // MARK: - Documents

    static func feed(_ items: [GeneratedItem], identity: Identity) -> String {
        let entries = items.map { item in
            var entry = "<item><title>\(item.title)</title>"
            switch identity {
            case .nothing: break
            case .sharedGuid:
                entry += "<guid isPermaLink=\"false\">news-item</guid>"
            case .sharedLink: entry += "<link>https://news.example/news</link>"
            }
            if let date = item.date { entry += "<pubDate>\(date)</pubDate>" }
            return entry + "<description>\(item.text)</description></item>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>News</title><link>https://news.example/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }

    /// Item id → serial, read from the text ("Report N").
    static func serials(in document: String) throws -> [String: Int] {
        var serials: [String: Int] = [:]
        for item in try FeedParser.parse(Data(document.utf8)).items {
            let words = item.text.summary.split(separator: " ")
            if words.count > 1,
                let serial = Int(words[1].trimmingCharacters(in: .punctuationCharacters))
            {
                serials[item.id] = serial
            }
        }
        return serials
    }
}

/// SplitMix64, seeded: the same edits on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
