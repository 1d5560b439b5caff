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

    let time = Date(timeIntervalSince1970: 1_795_514_400)

    /// The report of `text` (title. summary) as the monitor makes it.
    static func report(
        _ report: (feed: String, id: String, text: String, entities: [String]), at time: Date
    ) -> StoryReport {
        let title = String(report.text.prefix { $0 != "." })
        let summary = String(report.text.dropFirst(title.count + 1))
        return StoryReport(
            id: report.id, feed: report.feed, time: time, titleWords: TextWords.of(title),
            leadWords: TextWords.of(summary), entities: Set(report.entities))
    }

    @Test func reportsOfTheKabulBombingFromThreeOutletsShareOneStoryAndTheFuneralIsItsOwn() {
        var index = StoryIndex()
        let placements = Self.reports.map { index.place(Self.report($0, at: time)) }
        #expect(placements.first?.isNew == true)
        #expect(Set(placements.prefix(3).map(\.storyID)).count == 1)
        #expect(index.sources(of: placements[0].storyID) == 3)
        #expect(placements[1].newEntities.isEmpty)
        // Funeral prayers are an event of their own kind, even with the bombing in their text.
        #expect(placements[3].isNew)
        #expect(placements[3].newEntities == ["khalil-haqqani", "sirajuddin-haqqani"])
    }

    @Test func unrelatedNewsStartsStoriesOfItsOwn() {
        var index = StoryIndex()
        let story = index.place(Self.report(Self.reports[0], at: time)).storyID
        for report in Self.unrelated {
            let placement = index.place(Self.report(report, at: time))
            #expect(placement.isNew, "\(report.id) joined \(story)")
        }
        #expect(index.stories.count == 4)
    }

    @Test func aStoryOutsideTheWindowIsNotJoined() {
        var grouping = StoryGrouping()
        grouping.window = 3600
        var index = StoryIndex(grouping: grouping)
        let first = index.place(Self.report(Self.reports[0], at: time))
        var copy = Self.reports[0]
        copy.feed = "elsewhere"
        let later = index.place(Self.report(copy, at: time.addingTimeInterval(7200)))
        #expect(first.storyID != later.storyID)
        #expect(later.isNew)
    }

    @Test func laterReportsAlertOnlyWithNotifyEachOrANewEntity() {
        var index = StoryIndex()
        var report = Self.reports[0]
        let first = index.place(Self.report(report, at: time))
        #expect(index.shouldAlert(rule: "r", placement: first, notifyEach: false))
        index.recordAlert(rule: "r", storyID: first.storyID)

        report.feed = "y"
        let second = index.place(Self.report(report, at: time))
        #expect(second.storyID == first.storyID)
        #expect(!index.shouldAlert(rule: "r", placement: second, notifyEach: false))
        #expect(index.shouldAlert(rule: "r", placement: second, notifyEach: true))
        #expect(index.shouldAlert(rule: "other-rule", placement: second, notifyEach: false))

        report.feed = "z"
        report.entities.append("iskp")
        let third = index.place(Self.report(report, at: time))
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
        let bombing = Self.reports.prefix(3).map { place($0) }
        let unrelated = Self.unrelated.map { place($0) }
        #expect(Set(bombing.map(\.storyID)).count == 1)
        #expect(unrelated.allSatisfy { $0.isNew })
        #expect(index.stories.count == 4)
    }

    @Test func membersAreStoredAndReadBackAndADamagedBlobGivesNone() {
        var index = StoryIndex()
        _ = index.place(Self.report(Self.reports[0], at: time))
        let story = index.stories[0]
        let data = StoryIndex.Story.encode(story.members)
        #expect(StoryIndex.Story.decode(data) == story.members)
        #expect(StoryIndex.Story.decode(data.dropLast(3)).isEmpty)
        // The same members are the same bytes.
        #expect(StoryIndex.Story.encode(StoryIndex.Story.decode(data)) == data)
    }

    @Test func reloadedStoriesGroupAsBeforeTheRestart() {
        var before = StoryIndex()
        let first = before.place(Self.report(Self.reports[0], at: time))
        let stored = before.unsavedStories
        var after = StoryIndex(stories: stored.map(StoryIndex.Story.init(stored:)))
        let second = after.place(Self.report(Self.reports[1], at: time.addingTimeInterval(600)))
        #expect(second.storyID == first.storyID)
        #expect(after.frequency.reports == 2)
    }
}

@Suite struct StoryEscalationTests {
    let time = Date(timeIntervalSince1970: 1_795_514_400)
    let rules = ["spreading": Escalation(sources: 3, within: 6 * 3600)]

    func report(_ feed: String, after seconds: TimeInterval) -> StoryReport {
        var source = StoryIndexTests.reports[0]
        source.feed = feed
        source.id = feed
        return StoryIndexTests.report(source, at: time.addingTimeInterval(seconds))
    }

    @Test func escalatesOnceAtTheThresholdAndNotBefore() {
        var index = StoryIndex()
        let story = index.place(report("a", after: 0)).storyID
        index.recordAlert(rule: "spreading", storyID: story)
        _ = index.place(report("b", after: 600))
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(600), rules: rules).isEmpty)
        // Another report of a feed the story has is no new source.
        _ = index.place(report("b", after: 900))
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(900), rules: rules).isEmpty)
        #expect(index.place(report("c", after: 1200)).storyID == story)
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(1200), rules: rules) == [
                "spreading"
            ])
        _ = index.place(report("d", after: 1800))
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(1800), rules: rules).isEmpty)
        // The story remembers it through the store.
        let reloaded = StoryIndex(stories: index.unsavedStories.map(StoryIndex.Story.init(stored:)))
        #expect(reloaded.story(story)?.escalatedRules == ["spreading"])
    }

    @Test func aStoryThatSpreadsTooSlowlyOrWasNotAlertedOnDoesNotEscalate() {
        var index = StoryIndex()
        let story = index.place(report("a", after: 0)).storyID
        _ = index.place(report("b", after: 600))
        _ = index.place(report("c", after: 1200))
        // The rule never alerted on the story.
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(1200), rules: rules).isEmpty)
        index.recordAlert(rule: "spreading", storyID: story)
        // Three feeds, but the third came after the rule's six hours.
        #expect(
            index.escalations(of: story, at: time.addingTimeInterval(7 * 3600), rules: rules)
                .isEmpty)
    }
}

@Suite struct DeathTollTests {
    @Test(arguments: [
        ("Bombing at Afghan mosque kills at least 17 worshippers", 17),
        ("Death Toll In Kunduz Mosque Explosion Rises To 21", 21),
        ("Ukraine war: Six dead as bomb hits Kharkiv flats", 6),
        ("Bandits Abduct 43, Kill Three In Zamfara Village", 3),
        ("Fourteen Niger soldiers killed in ambush near Mali border", 14),
    ])
    func theTollIsTheNumberNearestAWordOfDeath(title: String, toll: Int) {
        #expect(DeathToll.of(title: TextWords.of(title)) == toll)
    }

    @Test func aTitleWithoutDeadGivesNoToll() {
        #expect(DeathToll.of(title: TextWords.of("Blast near Khalil Haqqani's office")) == nil)
        #expect(DeathToll.of(title: TextWords.of("43 abducted in Zamfara")) == nil)
    }

    @Test func onlyAFallByMoreThanHalfTellsAnotherEvent() {
        #expect(!DeathToll.conflicts(earlier: 9, later: 17))
        #expect(!DeathToll.conflicts(earlier: 6, later: 3))
        #expect(DeathToll.conflicts(earlier: 6, later: 2))
        #expect(!DeathToll.conflicts(earlier: nil, later: 2))
        #expect(!DeathToll.conflicts(earlier: 6, later: nil))
    }
}
