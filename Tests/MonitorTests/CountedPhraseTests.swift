import FeedModel
import Monitor
import Testing

@Suite struct CountedPhraseTests {
    @Test(arguments: [
        (1, "feed", "1 feed"), (2, "feed", "2 feeds"), (0, "alert", "0 alerts"),
        (1, "story", "1 story"), (2, "story", "2 stories"), (2, "entity", "2 entities"),
        (2, "alias", "2 aliases"), (2, "delivery", "2 deliveries"), (2, "day", "2 days"),
        (1, "feed state", "1 feed state"), (3, "feed state", "3 feed states"),
    ])
    func nounAgreesWithTheCount(count: Int, noun: String, expected: String) {
        #expect(Counted.phrase(count, noun) == expected)
    }

    @Test(arguments: [
        ("STORY", "STORIES"), ("MATCH", "MATCHES"), ("FEED", "FEEDS"), ("Story", "Stories"),
        ("FEED STATE", "FEED STATES"), ("feed STATE", "feed STATES"),
    ])
    func theEndingKeepsTheCaseOfTheNoun(noun: String, expected: String) {
        #expect(Counted.plural(of: noun) == expected)
    }

    @Test func anIrregularPluralIsGiven() {
        #expect(
            Counted.phrase(1, "delivered or dead delivery", plural: "gone")
                == "1 delivered or dead delivery")
        #expect(Counted.phrase(2, "delivered or dead delivery", plural: "gone") == "2 gone")
    }

    @Test func thePassSummaryReadsInTheSingularAndThePlural() {
        var one = PassSummary()
        one.feedsPolled = 1
        one.newItems = 1
        one.alerts = 1
        #expect(one.line.hasPrefix("1 feed polled, "))
        #expect(one.line.contains(", 1 new item, "))
        #expect(one.line.contains(", 1 alert, "))

        var two = PassSummary()
        two.feedsPolled = 2
        two.newItems = 2
        two.alerts = 2
        #expect(two.line.hasPrefix("2 feeds polled, "))
        #expect(two.line.contains(", 2 new items, "))
        #expect(two.line.contains(", 2 alerts, "))
    }
}
