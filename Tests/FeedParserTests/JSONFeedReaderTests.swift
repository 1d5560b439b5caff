import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// The JSON Feed reader walks the document item by item; it must read
/// exactly what a whole-tree parse read, and refuse what that refused with an
/// error that says what and where.
@Suite struct JSONFeedReaderTests {
    static let version = #""version":"https://jsonfeed.org/version/1.1""#

    func feed(_ items: String, top: String = "") throws -> Feed {
        try FeedParser.parse(Data("{\(Self.version)\(top),\"items\":[\(items)]}".utf8))
    }

    func reason(_ text: String) -> String? {
        guard case .invalidJSON(let reason) = parseError(Data(text.utf8)) else { return nil }
        return reason
    }

    @Test func idsReadAsBeforeWhateverTheirType() throws {
        let parsed = try feed(
            #"{"id":"a"},{"id":7},{"id":1e3},{"id":1.5},{"id":true},{"id":12345678901234567890},{"id":-0}"#
        )
        // A number that is not an integer reads as Foundation writes the double.
        let thousand = NSNumber(value: 1000.0).stringValue
        #expect(
            parsed.items.map(\.id) == [
                "a", "7", thousand, "1.5", "1", "12345678901234567890", "0",
            ])
    }

    @Test func escapesLenienciesAndRepeatedKeysReadAsBefore() throws {
        let parsed = try feed(
            #"""
            {"id":"a","title":"caf\u00e9 \ud83d\ude00 \"q\" \/","authors":[{"name":"A"},3],"author":{"name":"B"},"tags":["x",2,"y"],},
            "not an object",
            {"id":"b","title":"first","title":"second"},
            """#, top: #","title":"one","title":"two""#)
        #expect(parsed.title == "two")
        #expect(parsed.items.count == 2)
        #expect(parsed.items[0].title == "café 😀 \"q\" /")
        // `authors` with a non-object counts for nothing, as before.
        #expect(parsed.items[0].authors == ["B"])
        #expect(parsed.items[0].categories == ["x", "y"])
        #expect(parsed.items[1].title == "second")
        #expect(parsed.warnings.contains("1 JSON Feed item is not an object; skipped"))
    }

    @Test func itemsMissingOrNotAnArrayAreSaid() throws {
        let missing = try FeedParser.parse(Data("{\(Self.version)}".utf8))
        #expect(missing.warnings.contains("JSON Feed without \"items\""))
        let null = try FeedParser.parse(Data("{\(Self.version),\"items\":null}".utf8))
        #expect(null.warnings.contains("JSON Feed \"items\" is not an array; no items read"))
        // The last of two `items` counts.
        let twice = try FeedParser.parse(
            Data("{\(Self.version),\"items\":[{\"id\":\"a\"}],\"items\":{}}".utf8))
        #expect(twice.items.isEmpty)
    }

    @Test func malformedFeedsAreRefusedSayingWhatAndWhere() {
        let cases: [(String, String)] = [
            ("{broken", "expected a quoted key at line 1, column 2"),
            (
                "{\(Self.version),\n\"items\":[{\"id\":\"a\"}\n{\"id\":\"b\"}]}",
                "expected ',' or ']' at line 3, column 1"
            ),
            ("{\(Self.version),\"items\":[{\"id\":\"a}]}", "a string that never ends"),
            (
                "{\(Self.version),\"items\":[{\"id\":\"a\tb\"}]}",
                "an unescaped control character in a string"
            ),
            (
                "{\(Self.version),\"items\":[{\"id\":\"\\ud800\"}]}",
                "a high surrogate escape without a low one"
            ),
            (
                "{\(Self.version),\"items\":[{\"id\":\"\\udc00\"}]}",
                "a low surrogate escape without a high one"
            ),
            ("{\(Self.version),\"items\":[{\"id\":\"\\x\"}]}", "an unknown escape \\'x'"),
            ("{\(Self.version),\"items\":[{\"id\":01}]}", "a number with a leading zero"),
            (
                "{\(Self.version),\"items\":[{\"id\":tru}]}",
                "unexpected 't' where a value should be"
            ),
            ("{\(Self.version),\"items\":[]} trailing", "unexpected text after the JSON value"),
            ("{\(Self.version),\"items\":[", "the document ends inside an array"),
        ]
        for (text, expected) in cases {
            let reason = reason(text)
            #expect(reason?.contains(expected) == true, "\(text): \(reason ?? "no error")")
        }
    }

    @Test func nestingIsRefusedPastItsLimitAndReadBelowIt() throws {
        func nested(_ levels: Int) -> String {
            "{\(Self.version),\"items\":[{\"id\":\"a\",\"x\":"
                + String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
                + "}]}"
        }
        let deep = reason(nested(600))
        #expect(deep?.contains("nested deeper than 512 levels") == true, "\(deep ?? "no error")")
        let fine = try FeedParser.parse(Data(nested(500).utf8))
        #expect(fine.items.map(\.id) == ["a"])
    }

    @Test func anItemFarIntoALargeFeedThatIsBrokenRefusesTheWholeFeed() {
        var items = (0..<5000).map { "{\"id\":\"\($0)\"}" }
        items[4321] = "{\"id\":\"4321\",}}"
        let reason = reason("{\(Self.version),\"items\":[\(items.joined(separator: ","))]}")
        #expect(reason?.contains("expected ',' or ']'") == true, "\(reason ?? "no error")")
    }
}
