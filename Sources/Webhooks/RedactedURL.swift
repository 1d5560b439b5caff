import Foundation

/// A webhook URL as messages, logs and tables show it. Slack and Discord
/// webhook URLs carry their credential in the path (`…/services/T/B/<token>`,
/// `…/webhooks/<id>/<token>`), others often in the query or user info: those
/// parts are left out so that a log line never hands out the right to post.
public enum RedactedURL {
    /// A last path segment at least this long is taken for a token.
    static let tokenLength = 16

    public static func text(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return "(unparsable URL)"
        }
        components.user = nil
        components.password = nil
        let hadQuery = components.query != nil
        components.query = nil
        components.fragment = nil
        var segments = components.percentEncodedPath.split(
            separator: "/", omittingEmptySubsequences: false)
        var elided = false
        if let last = segments.last, last.count >= tokenLength {
            segments.removeLast()
            components.percentEncodedPath = segments.joined(separator: "/")
            elided = true
        }
        let text = (components.string ?? "(unparsable URL)") + (elided ? "/…" : "")
        return hadQuery ? text + "?…" : text
    }
}
