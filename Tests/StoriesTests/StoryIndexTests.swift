import FeedModel
import Foundation
import RuleEngine
import Testing

@testable import Stories

@Suite struct StoryIndexTests {
    /// The reports of the examples, as title + summary with the entities the
    /// starter rules find in them.
    static let reports: [(feed: String, id: String, text: String, entities: [String])] = [
        (
            "herald", "0412",
            "Taliban refugees minister Khalil Haqqani killed in suicide bombing at ministry in Kabul. Khalil Haqqani, the Taliban government's minister for refugees and repatriation, was killed on Tuesday when a suicide bomber blew himself up inside the ministry compound in Kabul, officials said.",
            ["khalil-haqqani"]
        ),
        (
            "observer", "88231",
            "Khalilur Rehman Haqqani among dead in Kabul ministry blast. Khalilur Rehman Haqqani, who headed the ministry of refugees in Kabul, was killed along with several guards when an explosion tore through the ministry building on Tuesday afternoon.",
            ["khalil-haqqani"]
        ),
        (
            "wire", "assassinated",
            "Taliban minister Khalil-ur-Rehman Haqqani assassinated in Kabul. The Taliban's refugees minister was assassinated on Tuesday in a suicide bombing at his ministry in Kabul, the highest-ranking official killed since 2021.",
            ["khalil-haqqani"]
        ),
        (
            "pamir", "funeral",
            "Funeral prayers held in Khost for Khalil Rahman Haqqani after Kabul bombing. Thousands attended prayers for the minister killed in Tuesday's suicide bombing; Sirajuddin Haqqani led the prayers.",
            ["khalil-haqqani", "sirajuddin-haqqani"]
        ),
    ]
    static let unrelated: [(feed: String, id: String, text: String, entities: [String])] = [
        (
            "herald", "flour",
            "Wheat flour prices ease in Kabul markets as Kazakh shipments arrive. The price of a 49 kg sack of flour fell by 150 afghanis this week, traders in Mandawi market said.",
            []
        ),
        (
            "observer", "book",
            "Husain Haqqani launches new book on US-Pakistan relations. The former ambassador discusses seven decades of an uneasy alliance at a launch in Lahore.",
            []
        ),
        (
            "khyber", "zalmi",
            "Peshawar Zalmi crush Quetta Gladiators in exhibition match. Babar Azam's unbeaten 88 sealed a seven-wicket win.",
            []
        ),
    ]

    static func signature(_ text: String, _ entities: [String]) -> MinHashSignature {
        let tokens = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return MinHashSignature(features: StoryFeatures.of(tokens: tokens, entities: entities))
    }

    let time = Date(timeIntervalSince1970: 1_795_514_400)

    @Test func reportsOfTheKabulBombingFromFourOutletsShareOneStory() {
        var index = StoryIndex()
        var placements: [StoryIndex.Placement] = []
        for report in Self.reports {
            placements.append(
                index.place(
                    reportID: report.id, feed: report.feed,
                    signature: Self.signature(report.text, report.entities),
                    entities: Set(report.entities), at: time))
        }
        #expect(placements.first?.isNew == true)
        #expect(Set(placements.map(\.storyID)).count == 1)
        #expect(index.sources(of: placements[0].storyID) == 4)
        // The funeral report names Sirajuddin Haqqani, whom the story lacked.
        #expect(placements[3].newEntities == ["sirajuddin-haqqani"])
        #expect(placements[1].newEntities.isEmpty)
    }

    @Test func unrelatedNewsStartsStoriesOfItsOwn() {
        var index = StoryIndex()
        let bombing = Self.reports[0]
        let story = index.place(
            reportID: bombing.id, feed: bombing.feed,
            signature: Self.signature(bombing.text, bombing.entities),
            entities: Set(bombing.entities), at: time
        ).storyID
        for report in Self.unrelated {
            let placement = index.place(
                reportID: report.id, feed: report.feed,
                signature: Self.signature(report.text, report.entities),
                entities: Set(report.entities), at: time)
            #expect(placement.isNew, "\(report.id) joined \(story)")
        }
        #expect(index.stories.count == 4)
    }

    @Test func aStoryOutsideTheWindowIsNotJoined() {
        var index = StoryIndex(window: 3600)
        let report = Self.reports[0]
        let signature = Self.signature(report.text, report.entities)
        let first = index.place(
            reportID: "a", feed: "x", signature: signature, entities: [], at: time)
        let later = index.place(
            reportID: "b", feed: "y", signature: signature, entities: [],
            at: time.addingTimeInterval(7200))
        #expect(first.storyID != later.storyID)
        #expect(later.isNew)
    }

    @Test func laterReportsAlertOnlyWithNotifyEachOrANewEntity() {
        var index = StoryIndex()
        let signature = Self.signature(Self.reports[0].text, ["khalil-haqqani"])
        let first = index.place(
            reportID: "a", feed: "x", signature: signature, entities: ["khalil-haqqani"], at: time)
        #expect(index.shouldAlert(rule: "r", placement: first, notifyEach: false))
        index.recordAlert(rule: "r", storyID: first.storyID)

        let second = index.place(
            reportID: "b", feed: "y", signature: signature, entities: ["khalil-haqqani"], at: time)
        #expect(!index.shouldAlert(rule: "r", placement: second, notifyEach: false))
        #expect(index.shouldAlert(rule: "r", placement: second, notifyEach: true))
        #expect(index.shouldAlert(rule: "other-rule", placement: second, notifyEach: false))

        let third = index.place(
            reportID: "c", feed: "z", signature: signature,
            entities: ["khalil-haqqani", "iskp"], at: time)
        #expect(third.storyID == first.storyID)
        #expect(index.shouldAlert(rule: "r", placement: third, notifyEach: false))
    }

    @Test func itemsThatFiredArePlacedByTheirWordsAndTheEntitiesTheirHitsNamed() {
        var index = StoryIndex()
        func place(_ report: (feed: String, id: String, text: String, entities: [String]))
            -> StoryIndex.Placement
        {
            let title = String(report.text.prefix { $0 != "." })
            let summary = String(report.text.dropFirst(title.count + 1))
            let item = Item(
                id: report.id, title: title, text: ItemText(title: title, summary: summary))
            let hit = RuleHit(
                rule: "attack", title: "Attack", severity: .high, matches: [],
                entities: report.entities, notify: ["log"], notifyEach: false)
            return index.place(item, of: report.feed, firing: [hit], at: time)
        }
        let bombing = Self.reports.map { place($0) }
        let unrelated = Self.unrelated.map { place($0) }
        #expect(Set(bombing.map(\.storyID)).count == 1)
        #expect(bombing[3].newEntities == ["sirajuddin-haqqani"])
        #expect(unrelated.allSatisfy { $0.isNew })
        #expect(index.stories.count == 4)
    }

    @Test func signaturesAreStoredAsLittleEndianSlotsAndReadBack() {
        let first = MinHashSignature(
            slots: (0..<MinHashSignature.size).map { UInt64($0) << 56 | 1 })
        let second = Self.signature(Self.reports[0].text, Self.reports[0].entities)
        let data = StoryIndex.Story.encode([first, second])
        #expect(data.count == 2 * MinHashSignature.size * 8)
        #expect(Array(data.prefix(16)) == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
        #expect(StoryIndex.Story.decode(data) == [first, second])
        // A damaged blob gives the whole signatures it holds.
        #expect(StoryIndex.Story.decode(data.dropLast(3)) == [first])
    }

    @Test func similarityEstimatesJaccard() {
        let a = MinHashSignature(features: (0..<200).map { "w\($0)" })
        let b = MinHashSignature(features: (100..<300).map { "w\($0)" })  // J = 100/300
        #expect(abs(a.similarity(to: b) - 1.0 / 3.0) < 0.15)
        #expect(a.similarity(to: a) == 1)
        #expect(MinHashSignature(features: []).similarity(to: MinHashSignature(features: [])) == 0)
    }
}
