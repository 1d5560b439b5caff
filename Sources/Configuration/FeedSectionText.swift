import Foundation

/// A `[feed NAME]` section to add to feeds.conf, written the way a person
/// would write it: `url`, then `tags` when there are any.
public struct FeedSectionText: Sendable, Equatable {
    public var name: String
    public var url: String
    public var tags: [String]
    /// A `#` comment line above the header (where the feed came from), when set.
    public var comment: String?

    public init(name: String, url: String, tags: [String] = [], comment: String? = nil) {
        self.name = name
        self.url = url
        self.tags = tags
        self.comment = comment
    }

    /// The section's lines, each ended by a newline.
    public var text: String {
        var lines: [String] = []
        if let comment {
            lines.append("# " + comment.filter { !$0.isNewline })
        }
        lines.append("[feed \(name)]")
        lines.append("url = \(Self.value(url))")
        if !tags.isEmpty { lines.append("tags = \(Self.value(tags.joined(separator: ", ")))") }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `text` as feeds.conf reads it back: quoted when bare it would lose
    /// something (surrounding spaces, a ` #` that would start a comment, a
    /// leading quote).
    static func value(_ text: String) -> String {
        let bare =
            !text.isEmpty && text.first?.isWhitespace == false && text.last?.isWhitespace == false
            && !text.hasPrefix("\"") && !text.contains(" #") && !text.contains("\t#")
        guard !bare else { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
