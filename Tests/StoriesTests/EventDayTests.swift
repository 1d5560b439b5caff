import Foundation
import RuleEngine
import Testing

@testable import Stories

/// The day of the event a report names, read against its publication time.
@Suite struct EventDayTests {
    /// Days since 1970-01-01 of an RFC 3339 UTC time's day.
    static func day(_ text: String) -> Int {
        let date = ISO8601DateFormatter().date(from: text) ?? .distantPast
        return Int((date.timeIntervalSince1970 / 86400).rounded(.down))
    }

    static func eventDay(title: String, lead: String, published: String) -> Int? {
        let date = ISO8601DateFormatter().date(from: published) ?? .distantPast
        return EventDay.of(
            title: TextWords.of(title), lead: TextWords.of(lead), published: date)
    }

    /// Title, lead, published (2026-10-14 was a Wednesday), the day the event
    /// happened or nil.
    @Test(arguments: [
        // The weekday of the lead, earlier in the week.
        (
            "Benin says 28 soldiers killed in attack in north",
            "Twenty-eight soldiers were killed in an attack on an army post on Monday, the government spokesman said on Tuesday.",
            "2026-10-13T10:45:00Z", "2026-10-12T00:00:00Z"
        ),
        // The published day itself.
        (
            "Gunmen attack police headquarters",
            "Armed men attacked the police headquarters late on Wednesday.",
            "2026-10-14T19:45:00Z", "2026-10-14T00:00:00Z"
        ),
        // A possessive in the title, read before the lead.
        (
            "EXPLAINER-Why Monday's attack matters", "The attack on the post on Sunday...",
            "2026-10-14T03:00:00Z", "2026-10-12T00:00:00Z"
        ),
        // The day the statement was made is passed over.
        (
            "Guards say they killed six militants",
            "The Guards said on Wednesday they had killed six militants in Saravan.",
            "2026-10-14T10:00:00Z", nil
        ),
        (
            "Army toll", "Officials said Tuesday the raid on Monday killed four.",
            "2026-10-14T10:00:00Z", "2026-10-12T00:00:00Z"
        ),
        // What follows "after" recounts another event; the lead still counts.
        (
            "Teacher shot dead a day after Monday's ranger bombing",
            "A teacher was gunned down on Tuesday in Bacho.", "2026-10-13T11:45:00Z",
            "2026-10-13T00:00:00Z"
        ),
        (
            "Troops kill five rebels", "Five rebels were killed, two days after Sunday's attack.",
            "2026-10-13T12:35:00Z", nil
        ),
        // Late in the UTC evening it is already the next day in Asia.
        (
            "Blast in Pattani", "A bomb exploded early on Thursday.", "2026-10-14T22:30:00Z",
            "2026-10-15T00:00:00Z"
        ),
        // Relative days and calendar dates.
        (
            "Blast kills two", "Two people were killed yesterday.", "2026-10-14T08:00:00Z",
            "2026-10-13T00:00:00Z"
        ),
        (
            "Attack on convoy", "The convoy was attacked on 5 October near the border.",
            "2026-10-14T08:00:00Z", "2026-10-05T00:00:00Z"
        ),
        (
            "Attack on convoy", "The convoy was attacked on Dec. 30 near the border.",
            "2027-01-02T08:00:00Z", "2026-12-30T00:00:00Z"
        ),
        // "May" is a word when no day number stands by it.
        (
            "Militants may attack again", "Police may close the road.", "2026-10-14T08:00:00Z",
            nil
        ),
        ("Bomb hits patrol", "A bomb hit a patrol.", "2026-10-14T08:00:00Z", nil),
    ])
    func namesTheEventsDay(title: String, lead: String, published: String, expected: String?) {
        #expect(
            Self.eventDay(title: title, lead: lead, published: published)
                == expected.map(Self.day))
    }

    /// A government's toll a day and a half later, naming the event's day,
    /// joins the first reports; read by publication time alone, the decay
    /// keeps it apart.
    @Test(arguments: [true, false])
    func aLateReportNamingTheEventsDayJoinsItsStory(readsEventDays: Bool) {
        let reports = [
            (
                "wire", "2026-10-12T11:10:00Z", "Army post attacked in Park W, heavy losses feared",
                "An army position near the Point Triple in Park W was attacked at dawn on Monday by armed men."
            ),
            (
                "paper", "2026-10-12T16:30:00Z", "Jihadists overrun army post in Park W",
                "Armed men on motorbikes overran an army post in Park W on Monday morning."
            ),
            (
                "agency", "2026-10-14T02:45:00Z",
                "Government says 28 soldiers killed in Park W attack",
                "Twenty-eight soldiers were killed in Monday's attack on the army post in Park W, the spokesman said on Tuesday."
            ),
        ]
        var grouping = StoryGrouping()
        grouping.readsEventDays = readsEventDays
        var index = StoryIndex(grouping: grouping)
        let stories = reports.map { feed, published, title, lead in
            index.place(
                StoryReport(
                    id: feed, feed: feed,
                    time: ISO8601DateFormatter().date(from: published) ?? .distantPast,
                    titleWords: TextWords.of(title), leadWords: TextWords.of(lead), entities: [])
            ).storyID
        }
        #expect(stories[0] == stories[1])
        #expect((stories[2] == stories[0]) == readsEventDays)
    }
}
