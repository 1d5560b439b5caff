import Foundation
import Testing

@testable import AlertReview

/// Every form `--since` and `--until` accept, and what each means.
@Suite struct TimeExpressionTests {
    /// 2026-12-03T12:00:00Z, a Thursday.
    let now = Date(timeIntervalSince1970: 1_796_299_200)
    let utc = TimeZone(identifier: "UTC")!
    /// UTC+5:30 all year, no daylight saving time.
    let kolkata = TimeZone(identifier: "Asia/Kolkata")!

    /// 2026-12-03 at `hour:minute:second` UTC.
    func december3(_ hour: Int, _ minute: Int = 0, _ second: Double = 0) -> Date {
        Date(timeIntervalSince1970: 1_796_256_000 + Double(hour * 3600 + minute * 60) + second)
    }

    struct Form: Sendable, CustomStringConvertible {
        var text: String
        /// Start and length, in seconds after 2026-12-03T00:00:00Z.
        var start: Double
        var length: Double
        var description: String { text }
    }

    /// Read in UTC, the display zone when the text names none.
    static let forms: [Form] = [
        // Calendar, ordinal and week dates, and a whole month.
        Form(text: "2026-12-03", start: 0, length: 86400),
        Form(text: "20261203", start: 0, length: 86400),
        Form(text: "2026-337", start: 0, length: 86400),
        Form(text: "2026337", start: 0, length: 86400),
        Form(text: "2026-W49-4", start: 0, length: 86400),
        Form(text: "2026W494", start: 0, length: 86400),
        Form(text: "2026-W49", start: -3 * 86400, length: 7 * 86400),
        Form(text: "2026W49", start: -3 * 86400, length: 7 * 86400),
        Form(text: "2026-12", start: -2 * 86400, length: 31 * 86400),
        // Times without a zone: the display zone, as precise as written.
        Form(text: "2026-12-03T06", start: 6 * 3600, length: 3600),
        Form(text: "2026-12-03T06:45", start: 24300, length: 60),
        Form(text: "2026-12-03T06:45:10", start: 24310, length: 1),
        Form(text: "2026-12-03T06:45:10.25", start: 24310.25, length: 0.01),
        Form(text: "2026-12-03T06:45:10,5", start: 24310.5, length: 0.1),
        Form(text: "2026-12-03 06:45", start: 24300, length: 60),
        Form(text: "2026-12-03t06:45", start: 24300, length: 60),
        Form(text: "20261203T0645", start: 24300, length: 60),
        Form(text: "20261203T064510", start: 24310, length: 1),
        Form(text: "2026-337T06:45", start: 24300, length: 60),
        Form(text: "2026-W49-4T06:45", start: 24300, length: 60),
        // With Z or an offset.
        Form(text: "2026-12-03T06:45Z", start: 24300, length: 60),
        Form(text: "2026-12-03T06:45:00Z", start: 24300, length: 1),
        Form(text: "2026-12-03T06:45:00.000Z", start: 24300, length: 0.001),
        Form(text: "2026-12-03T06:45z", start: 24300, length: 60),
        Form(text: "2026-12-03T12:15+05:30", start: 24300, length: 60),
        Form(text: "2026-12-03T12:15+0530", start: 24300, length: 60),
        Form(text: "2026-12-02T22:45-08", start: 24300, length: 60),
        Form(text: "2026-12-02T22:45:00-08:00", start: 24300, length: 1),
        Form(text: "20261203T121500+0530", start: 24300, length: 1),
        // Words and durations, from now (12:00Z).
        Form(text: "today", start: 0, length: 86400),
        Form(text: "Today", start: 0, length: 86400),
        Form(text: "yesterday", start: -86400, length: 86400),
        Form(text: "now", start: 43200, length: 0),
        Form(text: "90m", start: 43200 - 5400, length: 0),
        Form(text: "24h", start: -43200, length: 0),
        Form(text: "7d", start: 43200 - 7 * 86400, length: 0),
        Form(text: "2w", start: 43200 - 14 * 86400, length: 0),
        Form(text: "1h30m", start: 43200 - 5400, length: 0),
        Form(text: "45s", start: 43200 - 45, length: 0),
    ]

    @Test(arguments: forms)
    func readsEveryForm(form: Form) throws {
        let span = try #require(TimeExpression.interval(form.text, now: now, zone: utc))
        let midnight = december3(0)
        #expect(abs(span.start.timeIntervalSince(midnight) - form.start) < 0.0001)
        #expect(abs(span.duration - form.length) < 0.0001)
    }

    @Test(arguments: [
        "", "yesterday-ish", "2026", "2026-13-01", "2026-02-30", "2026-12-32", "2026-366",
        "2026-W54", "2026-W49-8", "2026-12-03T24:00", "2026-12-03T06:60", "2026-12-03T06:45:61",
        "2026-12-03T06:4510", "2026-12-03T6:45", "2026-12-03T06:45+25:00", "2026-12-03T06:45Q",
        "03/12/2026", "Dec 3 2026", "2026-12-03T", "T06:45", "2026-12-03T06:45:10.", "10", "1.5h",
        "-2h", "2026-12T06:45", "2026-W49T06:45",
    ])
    func refusesEverythingElse(text: String) {
        #expect(TimeExpression.interval(text, now: now, zone: utc) == nil)
    }

    @Test func aTimeWithoutAZoneIsInTheDisplayZone() throws {
        let span = try #require(
            TimeExpression.interval("2026-12-03T12:15", now: now, zone: kolkata))
        #expect(span.start == december3(6, 45))
        let day = try #require(TimeExpression.interval("2026-12-03", now: now, zone: kolkata))
        #expect(day.start == december3(0).addingTimeInterval(-19800))
        #expect(day.duration == 86400)
        // An explicit zone wins over the display zone.
        let zoned = try #require(
            TimeExpression.interval("2026-12-03T06:45Z", now: now, zone: kolkata))
        #expect(zoned.start == december3(6, 45))
    }

    @Test func todayAndYesterdayAreDaysOfTheDisplayZone() throws {
        // 12:00Z is 17:30 in Kolkata: its today began at 18:30Z the day before.
        let today = try #require(TimeExpression.interval("today", now: now, zone: kolkata))
        #expect(today.start == december3(0).addingTimeInterval(-19800))
        let yesterday = try #require(TimeExpression.interval("yesterday", now: now, zone: kolkata))
        #expect(yesterday.end == today.start)
    }

    @Test func aDayAcrossADaylightSavingChangeIsNotTwentyFourHours() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let day = try #require(TimeExpression.interval("2026-11-01", now: now, zone: newYork))
        #expect(day.duration == 25 * 3600)
    }

    @Test func sinceTakesTheStartAndUntilTheEnd() {
        #expect(TimeExpression.start("2026-12-03T06:45", zone: utc) == december3(6, 45))
        #expect(TimeExpression.end("2026-12-03T06:45", zone: utc) == december3(6, 46))
        #expect(TimeExpression.end("2026-12-03", zone: utc) == december3(24))
        #expect(TimeExpression.end("24h", now: now, zone: utc) == december3(-12))
    }

    @Test(arguments: [
        ("90s", 90.0), ("10m", 600), ("2h", 7200), ("7d", 604_800), ("1h30m", 5400),
        ("2w", 1_209_600),
    ])
    func durations(text: String, seconds: Double) {
        #expect(TimeExpression.duration(text) == seconds)
    }

    @Test(arguments: ["", "10", "h", "10x", "1.5h", "-2h", "2h5"])
    func badDurations(text: String) {
        #expect(TimeExpression.duration(text) == nil)
    }
}
