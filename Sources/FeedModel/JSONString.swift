/// JSON string literals written by hand, for the places that build JSON
/// text directly because Foundation's encoders cost too much per value.
public enum JSONString {
    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var json = ""
        append(quoted: text, to: &json)
        return json
    }

    /// Appends `text` as a JSON string literal: quotes, backslashes and
    /// control characters escaped, and U+2028/U+2029 too, which JavaScript
    /// parsers before ES2019 take for line ends.
    public static func append(quoted text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case "\u{2028}": json += "\\u2028"
            case "\u{2029}": json += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
