import Foundation
import Testing

@testable import SQLiteStore

/// Lists of strings survive their TEXT column, whatever they hold.
@Suite struct StringListColumnTests {
    @Test(arguments: [
        [], [""], ["Reuters"], ["a, b", "c"], ["quote \" and \\ backslash"],
        ["line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}"], ["Ḥaqqānī", "کابل", "🇦🇫 emoji"],
    ])
    func listsRoundTrip(list: [String]) {
        let encoded = StringListColumn.encode(list)
        #expect(StringListColumn.decode(encoded) == list)
        // What JSONSerialization reads back is what it would have written.
        let parsed = try? JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String]
        #expect(parsed == list)
    }
}
