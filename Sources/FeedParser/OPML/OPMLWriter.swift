/// Writes an OPML 2.0 subscription list: each feed an `outline` of type
/// `rss`, inside one folder outline per tag (a feed with several tags is
/// listed in each; one without tags sits at the top level).
public enum OPMLWriter {
    /// One feed to write.
    public struct Entry: Sendable, Equatable {
        public var title: String
        public var feedURL: String
        public var folders: [String]

        public init(title: String, feedURL: String, folders: [String]) {
            self.title = title
            self.feedURL = feedURL
            self.folders = folders
        }
    }

    /// The document, with `title` in its head and `created` (RFC 822, as
    /// OPML 2.0 asks) when given.
    public static func document(title: String, entries: [Entry], created: String? = nil)
        -> String
    {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<opml version=\"2.0\">",
            "  <head>",
            "    <title>\(escaped(title))</title>",
        ]
        if let created { lines.append("    <dateCreated>\(escaped(created))</dateCreated>") }
        lines += ["  </head>", "  <body>"]
        var folders: [String] = []
        for entry in entries {
            for folder in entry.folders where !folders.contains(folder) { folders.append(folder) }
        }
        for entry in entries where entry.folders.isEmpty {
            lines.append("    " + outline(entry))
        }
        for folder in folders {
            let attribute = escaped(folder)
            lines.append("    <outline text=\"\(attribute)\" title=\"\(attribute)\">")
            for entry in entries where entry.folders.contains(folder) {
                lines.append("      " + outline(entry))
            }
            lines.append("    </outline>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func outline(_ entry: Entry) -> String {
        let title = escaped(entry.title)
        return "<outline type=\"rss\" text=\"\(title)\" title=\"\(title)\""
            + " xmlUrl=\"\(escaped(entry.feedURL))\"/>"
    }

    /// Text for an attribute or element: the five XML specials, and line
    /// breaks and tabs as references so attribute values keep them.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            // Characters XML 1.0 cannot hold at all are left out.
            case _ where scalar.value < 0x20: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
