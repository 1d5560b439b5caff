import Foundation

/// Reads one feed's dates with `DateParser`, counting those it cannot read:
/// a feed that writes every date one odd way gets one warning, not one per item.
struct FeedDateReader {
    private(set) var unreadable = 0
    private var first: (text: String, line: Int?)?

    /// The instant `text` names; nil, counted, when it names none (an empty
    /// date says nothing and is not counted).
    mutating func read(_ text: String, line: Int? = nil) -> Date? {
        if let date = DateParser.parse(text) { return date }
        guard !text.isEmpty else { return nil }
        unreadable += 1
        if first == nil { first = (String(text.prefix(60)), line) }
        return nil
    }

    /// The warning, when a date could not be read.
    var warning: String? {
        guard let first, unreadable > 0 else { return nil }
        let place = first.line.map { ", line \($0)" } ?? ""
        let which = unreadable == 1 ? "" : "the first "
        return
            "\(unreadable) date\(unreadable == 1 ? "" : "s") not understood (\(which)\"\(first.text)\"\(place)); left without a date"
    }
}
