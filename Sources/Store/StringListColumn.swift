import Foundation

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
            appendQuoted(text, to: &json)
        }
        json += "]"
        return json
    }

    static func decode(_ text: String) -> [String]? {
        guard text != "[]" else { return [] }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String]
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    private static func appendQuoted(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                json +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
