import Foundation

/// A feed URL as messages, tables, logs and alerts show it. Feeds that need
/// a credential carry it in the URL (`http://user:password@host/…`,
/// `?apikey=…`), and everything shown can end up in a ticket, a chat or a
/// screenshot: user info is replaced by `…@` and every query value by `…`,
/// keeping the query's keys so that a reader can still tell feeds apart.
/// The real URL stays where it is used: the configuration and the request.
public enum ShownURL {
    /// `url` without its credentials; a text that is not a URL is returned unchanged.
    public static func text(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.lowerBound]
        var rest = url[schemeEnd.upperBound...]
        var shown = String(scheme) + "://"
        // Drop the fragment first: a `#` ends the URL's query, and fragments
        // can carry tokens too (OAuth implicit flows).
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let authorityEnd = rest.firstIndex(where: { "/?".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            shown += "…@" + authority[authority.index(after: at)...]
        } else {
            shown += authority
        }
        let pathAndQuery = rest[authorityEnd...]
        guard let question = pathAndQuery.firstIndex(of: "?") else {
            return shown + pathAndQuery
        }
        shown += pathAndQuery[..<question] + "?"
        let query = pathAndQuery[pathAndQuery.index(after: question)...]
        shown += query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "=") else {
                // A bare value (`?SECRET`) is as likely a credential as any.
                return pair.isEmpty ? "" : "…"
            }
            return pair[..<equals] + "=…"
        }.joined(separator: "&")
        return shown
    }

    public static func text(_ url: URL) -> String { text(url.absoluteString) }

    /// `message` with every URL in it shown without credentials: for texts
    /// built elsewhere (libcurl's messages, a redirect chain, an error kept
    /// in the state by an older version).
    public static func redactingURLs(in message: String) -> String {
        guard message.contains("://") else { return message }
        var result = ""
        var rest = message[...]
        while let separator = rest.range(of: "://") {
            // The scheme: letters, digits, `+`, `-`, `.` back from `://`.
            var schemeStart = separator.lowerBound
            while schemeStart > rest.startIndex {
                let before = rest.index(before: schemeStart)
                let character = rest[before]
                guard character.isASCII,
                    character.isLetter || character.isNumber || "+-.".contains(character)
                else { break }
                schemeStart = before
            }
            let end =
                rest[separator.upperBound...].firstIndex(where: {
                    $0.isWhitespace || "\"'<>".contains($0)
                })
                ?? rest.endIndex
            result += rest[..<schemeStart]
            result += text(String(rest[schemeStart..<end]))
            rest = rest[end...]
        }
        return result + rest
    }
}
