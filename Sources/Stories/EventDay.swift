import Foundation

/// The day an incident happened, as a report's text gives it: "on Tuesday",
/// "late Monday", "Thursday's attack", "yesterday", "on 5 October".
///
/// Reports of one incident published a day or two apart name the same day (a
/// government's toll the next morning, a claim, an explainer); the same
/// group's next attack names its own. Wires also name the day they report on
/// ("police said on Saturday") and recount earlier events ("a day after the
/// bombing on Monday"): neither is the event's day, so a day named right after
/// a reporting verb is passed over, and reading stops at the first word that
/// starts a recounting.
public enum EventDay {
    /// The event's day as days since 1970-01-01, read against the UTC day of
    /// `published` from the words of title and lead (normalized as
    /// `TextWords.of` makes them): the first day named, or nil when none is.
    public static func of(title: [String], lead: [String], published: Date) -> Int? {
        let publishedDay = Int((published.timeIntervalSince1970 / 86400).rounded(.down))
        return named(in: title, publishedDay: publishedDay)
            ?? named(in: lead, publishedDay: publishedDay)
    }

    /// The first day `words` name before they start recounting another event.
    static func named(in words: [String], publishedDay: Int) -> Int? {
        for (position, word) in words.enumerated() {
            if recountWords.contains(word) { return nil }
            if let weekday = weekday(word) {
                if isReportingDay(at: position, in: words) { continue }
                return publishedDay + offset(of: weekday, from: publishedDay)
            }
            if let relative = relativeDays[word] { return publishedDay + relative }
            if let day = calendarDay(at: position, in: words, publishedDay: publishedDay) {
                return day
            }
        }
        return nil
    }

    /// Monday is 0. "Monday's" is normalized to "mondays" (or "monday" and "s").
    static func weekday(_ word: String) -> Int? {
        if let weekday = weekdays.firstIndex(of: word) { return weekday }
        guard word.hasSuffix("s") else { return nil }
        return weekdays.firstIndex(of: String(word.dropLast()))
    }

    /// The days from the published day to the latest `weekday` not after it,
    /// or to the next day when it is that weekday: a report published late in
    /// the UTC evening names the day it already is where the event happened.
    static func offset(of weekday: Int, from publishedDay: Int) -> Int {
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        let publishedWeekday = (publishedDay + 3) % 7
        let ahead = (weekday - publishedWeekday + 7) % 7
        return ahead <= 1 ? ahead : ahead - 7
    }

    /// Whether the day at `position` dates a statement ("said on Tuesday",
    /// "announced Monday", "in a message released on Wednesday").
    static func isReportingDay(at position: Int, in words: [String]) -> Bool {
        let before = words[max(0, position - 2)..<position].filter { $0 != "on" && $0 != "late" }
        return before.last.map(reportingWords.contains) ?? false
    }

    /// "5 October", "October 5", "Oct 5": the nearest such day not more than
    /// one day after the published day.
    static func calendarDay(at position: Int, in words: [String], publishedDay: Int) -> Int? {
        guard let month = months[words[position]] else { return nil }
        let neighbours = [position + 1, position - 1].filter(words.indices.contains)
        guard
            let dayOfMonth = neighbours.lazy.compactMap({ Int(words[$0]) }).first(where: {
                (1...31).contains($0)
            })
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let published = Date(timeIntervalSince1970: Double(publishedDay) * 86400)
        let year = calendar.component(.year, from: published)
        let candidates = [year - 1, year].compactMap { year in
            calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth))
                .map { Int(($0.timeIntervalSince1970 / 86400).rounded(.down)) }
        }
        return candidates.filter { $0 <= publishedDay + 1 }.max()
    }

    static let weekdays = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    static let relativeDays: [String: Int] = ["yesterday": -1, "today": 0, "tonight": 0]

    /// "March" and "May" are words too: a month counts only beside a day number.
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    ]

    /// Words after which a text tells another event than its own.
    static let recountWords: Set<String> = ["after", "since", "following", "ago"]

    static let reportingWords: Set<String> = [
        "said", "says", "say", "told", "announced", "added", "reported", "confirmed", "released",
        "published", "stated", "statement", "claimed", "declared", "warned", "urged",
    ]
}
