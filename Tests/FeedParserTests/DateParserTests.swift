import Foundation
import Testing

@testable import FeedParser

/// One row of the shared date tables (`Benchmarks/Conformance/corpus/dates`,
/// copied into Fixtures/dates).
struct DateCase: CustomTestStringConvertible, Sendable {
    var source: String
    var input: String
    var expected: String?
    var testDescription: String { "\(source): \"\(input)\"" }
}

/// Localized formats (Greek, Hungarian, Korean…) and NetNewsWire's
/// deliberately permissive quirks are not promised; everything else is.
func dateCases() -> [DateCase] {
    var cases: [DateCase] = []
    for table in ["dates/dates.json", "dates/netnewswire-dates.json"] {
        guard let data = try? fixture(table),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let rows = root["cases"] as? [[String: Any]]
        else { continue }
        for row in rows {
            guard let input = row["input"] as? String else { continue }
            if row["feedparser_now_dependent"] as? Bool == true
                || row["nnw_liberal_quirk"] as? Bool == true
                || row["general_dispatcher_agrees"] as? Bool == false
            {
                continue
            }
            let function = row["upstream_function"] as? String ?? "netnewswire"
            let localized = ["greek", "hungarian", "korean", "nate", "onblog", "mssql", "perforce"]
            if localized.contains(where: function.contains) { continue }
            cases.append(
                DateCase(source: function, input: input, expected: row["expected_utc"] as? String))
        }
    }
    return cases
}

@Suite("Dates")
struct DateParserTests {
    /// A table that failed to load would leave `sharedTable` with no case to fail.
    @Test func theSharedTablesAreRead() {
        #expect(dateCases().count == 90)
    }

    @Test("Shared date tables", arguments: dateCases())
    func sharedTable(_ row: DateCase) {
        let parsed = DateParser.parse(row.input)
        guard let expected = row.expected else {
            #expect(parsed == nil)
            return
        }
        // Foundation's formatter switches to the Julian calendar before 1582;
        // feeds (and Python) count in the proleptic Gregorian one.
        let expectedDate = DateParser.parse(expected.replacing(/\.\d+/, with: ""))
        #expect(
            parsed.map { $0.timeIntervalSince1970.rounded(.down) }
                == expectedDate?.timeIntervalSince1970)
    }

    @Test func rfc822Mistakes() {
        let cases: [(String, String)] = [
            ("Tue, 10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
            ("10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),  // no day name
            ("Tue, 10 Jun 03 09:41:01 GMT", "2003-06-10T09:41:01Z"),  // two-digit year
            ("Tue, 10 Jun 2003 09:41 EST", "2003-06-10T14:41:00Z"),  // no seconds, named zone
            ("Tue,  10   Jun 2003  09:41:01  PDT", "2003-06-10T16:41:01Z"),  // extra whitespace
            ("Tue, 10 Jun 2003 09:41:01 UT", "2003-06-10T09:41:01Z"),
            ("Tue, 10 Jun 2003 09:41:01 Z", "2003-06-10T09:41:01Z"),
            ("Tue, 10 Jun 2003 09:41:01 +0530", "2003-06-10T04:11:01Z"),
            ("Tuesday, 10 June 2003 09:41:01 -05:00", "2003-06-10T14:41:01Z"),
        ]
        for (input, expected) in cases {
            #expect(DateParser.parse(input) == utc(expected), "\(input)")
        }
    }

    @Test func iso8601Variants() {
        let cases: [(String, String)] = [
            ("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"),
            ("2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"),
            ("2003-12-31T10:14:55.25+0100", "2003-12-31T09:14:55Z"),
            ("2003-12-31 10:14:55", "2003-12-31T10:14:55Z"),
            ("2003-12-31T10:14Z", "2003-12-31T10:14:00Z"),
            ("2003-12-31", "2003-12-31T00:00:00Z"),
            ("20031231T101455Z", "2003-12-31T10:14:55Z"),
        ]
        for (input, expected) in cases {
            let parsed = DateParser.parse(input).map {
                Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down))
            }
            #expect(parsed == utc(expected), "\(input)")
        }
    }

    @Test func junkIsNil() {
        for junk in [
            "", "   ", "yesterday", "2003-13-45T99:99:99Z", "Tue, 31 Feb 2003 10:00:00 GMT",
            "99999999999",
            "::::", "Mon, 1 Foo 2003", String(repeating: "9", count: 500),
        ] {
            #expect(DateParser.parse(junk) == nil, "\(junk)")
        }
    }
}

@Suite("RFC 1123 at fixed positions")
struct RFC1123ReaderTests {
    /// Whatever the fixed-position reader reads, the general one reads the same.
    @Test func agreesWithTheGeneralReader() {
        let dates = [
            "Tue, 14 Nov 2023 23:13:20 GMT", "Wed, 15 Nov 2023 00:13:20 UTC",
            "sun, 01 jan 2006 00:00:00 +0530", "MON, 29 FEB 2016 12:00:59 -1400",
            "Tue, 31 Feb 2023 10:00:00 GMT", "Tue, 14 Nov 0099 23:13:20 GMT",
            "Mar, 14 Nov 2023 23:13:20 GMT", "Tue, 14 Nov 2023 24:00:00 GMT",
            "Tue, 14 Nov 2023 23:13:20 +1500", "Tue, 14 Nov 2023 23:13:61 GMT",
            "Tue, 14 Xyz 2023 23:13:20 GMT", "Tue, 14 Nov 2023 23:13:20 EST",
        ]
        for date in dates {
            let bytes = Array(date.utf8)
            if let fast = RFC1123Reader.read(bytes) {
                #expect(fast == RFC822Reader(bytes).read(), "\(date)")
            }
            #expect(DateParser.parse(date) == RFC822Reader(bytes).read(), "\(date)")
        }
        #expect(RFC1123Reader.read(Array("Tue, 14 Nov 2023 23:13:20 GMT".utf8)) != nil)
    }
}
