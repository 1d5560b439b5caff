import FeedModel
import Foundation
import Store

/// A list of strings in one TEXT column, as a JSON array (any string survives, commas and all).
///
/// Every archived item writes two of these, so encoding is done by hand:
/// Foundation's JSONSerialization cost a tenth of a 1,000-feed first pass.
enum StringListColumn {
    static func encode(_ list: [String]) -> String {
        guard !list.isEmpty else { return "[]" }
        var json = "["
        for (index, text) in list.enumerated() {
            if index > 0 { json += "," }
            JSONString.append(quoted: text, to: &json)
        }
        json += "]"
        return json
    }

    static func decode(_ text: String) -> [String]? {
        guard text != "[]" else { return [] }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String]
    }
}
