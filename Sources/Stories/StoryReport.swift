import Foundation

/// One report as story grouping sees it: where and when it appeared, the
/// content terms of its title and lead, the watchlisted entities its rule
/// hits named, and what kind of event its headline tells.
public struct StoryReport: Sendable, Equatable {
    public var id: String
    public var feed: String
    /// When the report appeared: its publication time when that is plausible,
    /// else when it was detected (see `time(published:detected:)`).
    public var time: Date
    /// Occurrences of each content term of title and lead, and of each entity
    /// as `@id`: an entity term joins every spelling of a name
    /// ("ISKP", "Islamic State Khorasan"), and the words of the name stay.
    public var termCounts: [String: Int]
    public var entities: Set<String>
    public var event: EventKind.Reading
    /// The number of dead its headline gives (`DeathToll`).
    public var toll: Int?
    /// The day its title or lead says the event happened (`EventDay`).
    public var eventDay: Int?

    public init(
        id: String, feed: String, time: Date, titleWords: [String], leadWords: [String],
        entities: Set<String>
    ) {
        self.id = id
        self.feed = feed
        self.time = time
        self.entities = entities
        self.event = EventKind.reading(ofTitle: titleWords)
        self.toll = DeathToll.of(title: titleWords)
        self.eventDay = EventDay.of(title: titleWords, lead: leadWords, published: time)
        var counts: [String: Int] = [:]
        // The headline says what happened, so its terms count twice; what it
        // recounts after "after" ("roadside bomb kills three, a day after
        // market attack") is another event and counts as the lead does.
        let recounted = titleWords.firstIndex(of: "after") ?? titleWords.endIndex
        for term in ReportTerms.of(words: Array(titleWords[..<recounted])) {
            counts[term, default: 0] += Self.titleWeight
        }
        for term in ReportTerms.of(words: Array(titleWords[recounted...]) + leadWords) {
            counts[term, default: 0] += 1
        }
        for entity in entities { counts["@" + entity] = 1 }
        self.termCounts = counts
    }

    /// How many times a headline term counts against a lead term.
    static let titleWeight = 2

    /// The time a report is placed at: `published`, unless the feed dates it
    /// more than an hour ahead or more than a week before it was detected (a
    /// wrong clock or an old item republished), when `detected` is truer.
    public static func time(published: Date?, detected: Date) -> Date {
        guard let published else { return detected }
        let lead = published.timeIntervalSince(detected)
        return lead > 3600 || lead < -7 * 86400 ? detected : published
    }
}
