import Foundation
import Store
import Testing

/// `alerts stats` by the days of the display zone: a day that is 23 or 25
/// hours long across a daylight-saving change, and zones whose midnight is
/// not on a UTC hour (+05:30, +05:45), counted by the store as by the zone's calendar.
@Suite struct ZoneDayCountTests {
    struct Case: Sendable, CustomStringConvertible {
        var zone: String
        /// Alert times, RFC 3339 UTC.
        var times: [String]
        var byDay: [String: Int]
        var rule: String? = nil

        var description: String { zone }
    }

    static let cases: [Case] = [
        // Berlin springs forward on 2026-03-29 at 01:00Z: that day runs 23:00Z to 22:00Z.
        Case(
            zone: "Europe/Berlin",
            times: [
                "2026-03-28T22:59:59Z", "2026-03-28T23:00:00Z", "2026-03-29T21:59:59Z",
                "2026-03-29T22:00:00Z",
            ],
            byDay: ["2026-03-28": 1, "2026-03-29": 2, "2026-03-30": 1]),
        // New York falls back on 2026-11-01 at 06:00Z: that day runs 04:00Z to 05:00Z next day.
        Case(
            zone: "America/New_York",
            times: [
                "2026-11-01T03:59:59Z", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z",
                "2026-11-01T06:30:00Z", "2026-11-02T04:59:59Z", "2026-11-02T05:00:00Z",
            ],
            byDay: ["2026-10-31": 1, "2026-11-01": 4, "2026-11-02": 1]),
        // +05:45: midnight is 18:15Z.
        Case(
            zone: "Asia/Kathmandu",
            times: [
                "2026-12-02T18:14:59Z", "2026-12-02T18:15:00Z", "2026-12-03T18:14:59Z",
                "2026-12-03T18:15:00Z",
            ],
            byDay: ["2026-12-02": 1, "2026-12-03": 2, "2026-12-04": 1]),
        // +05:30, with a gap of days between alerts (no empty days listed).
        Case(
            zone: "Asia/Kolkata",
            times: ["2026-12-02T18:29:59Z", "2026-12-02T18:30:00Z", "2026-12-20T12:00:00Z"],
            byDay: ["2026-12-02": 1, "2026-12-03": 1, "2026-12-20": 1]),
        // West of UTC: the evening in UTC is the same local day.
        Case(
            zone: "America/Los_Angeles",
            times: ["2026-07-01T06:59:59Z", "2026-07-01T07:00:00Z", "2026-07-02T06:00:00Z"],
            byDay: ["2026-06-30": 1, "2026-07-01": 2]),
        // UTC: the stored day numbers.
        Case(
            zone: "UTC",
            times: ["2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z", "2026-03-29T23:59:59Z"],
            byDay: ["2026-03-28": 1, "2026-03-29": 2]),
        // A filter narrows the days counted as it does the rest.
        Case(
            zone: "Europe/Berlin",
            times: ["2026-03-28T22:59:59Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"],
            byDay: ["2026-03-29": 1], rule: "r1"),
    ]

    @Test(arguments: cases, StoreBackend.allCases)
    func countsByTheDaysOfTheZone(_ example: Case, backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let parser = ISO8601DateFormatter()
        let entries = try example.times.enumerated().map { number, text in
            AlertIndexEntry(
                alertID: "a\(number)", time: try #require(parser.date(from: text)),
                rule: "r\(number)", severity: "high", severityRank: 3, feed: "f",
                logFile: "alerts.jsonl", byteOffset: Int64(number * 100))
        }
        try store.indexAlerts(entries)
        let zone = try #require(TimeZone(identifier: example.zone))

        let counts = try store.alertCounts(
            matching: AlertIndexFilter(rule: example.rule), daysIn: zone)

        #expect(counts.byDay == example.byDay)
        #expect(counts.total == example.byDay.values.reduce(0, +))
        // The zone's calendar says the same of each alert.
        var expected: [String: Int] = [:]
        for entry in entries where example.rule == nil || entry.rule == example.rule {
            expected[ZoneDay.containing(entry.time, in: zone).text, default: 0] += 1
        }
        #expect(expected == example.byDay)
    }

    @Test func daysAcrossAChangeAreTwentyThreeAndTwentyFiveHoursLong() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let parser = ISO8601DateFormatter()
        let march = try #require(parser.date(from: "2026-03-29T12:00:00Z"))
        let october = try #require(parser.date(from: "2026-10-25T12:00:00Z"))

        #expect(
            ZoneDay.containing(march, in: berlin).end.timeIntervalSince(
                ZoneDay.containing(march, in: berlin).start) == 23 * 3600)
        #expect(
            ZoneDay.containing(october, in: berlin).end.timeIntervalSince(
                ZoneDay.containing(october, in: berlin).start) == 25 * 3600)
        let days = ZoneDay.days(
            from: march, through: march.addingTimeInterval(2 * 86_400), in: berlin)
        #expect(days.map(\.text) == ["2026-03-29", "2026-03-30", "2026-03-31"])
        #expect(zip(days, days.dropFirst()).allSatisfy { $0.end == $1.start })
    }
}
