import Configuration
import Foundation
import RuleEngine
import Store

/// What `feedwatch mute` and `unmute` name: `@entity-id`, `rule:ID`,
/// `feed:NAME`, or a bare rule id or feed name, looked up in the rules and
/// feeds.conf. An unknown name is a usage error with a did-you-mean.
struct MuteTargetResolution {
    let ruleIDs: [String]
    let entityIDs: [String]
    let feedNames: [String]

    enum Failure: Error, CustomStringConvertible {
        case unknown(kind: String, name: String, suggestion: String?)
        case ambiguous(String)

        var description: String {
            switch self {
            case .unknown(let kind, let name, let suggestion):
                "no \(kind) '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
            case .ambiguous(let name):
                "'\(name)' is both a rule and a feed; write rule:\(name) or feed:\(name)"
            }
        }
    }

    func resolve(_ text: String) throws(Failure) -> Mute.Target {
        if text.hasPrefix("@") {
            return .entity(
                try known(String(text.dropFirst()), among: entityIDs, kind: "entity", prefix: "@"))
        }
        if text.hasPrefix("rule:") {
            return .rule(try known(String(text.dropFirst(5)), among: ruleIDs, kind: "rule"))
        }
        if text.hasPrefix("feed:") {
            return .feed(try known(String(text.dropFirst(5)), among: feedNames, kind: "feed"))
        }
        let isRule = ruleIDs.contains(text)
        let isFeed = feedNames.contains(text)
        switch (isRule, isFeed) {
        case (true, true): throw .ambiguous(text)
        case (true, false): return .rule(text)
        case (false, true): return .feed(text)
        case (false, false):
            let suggestion = SpellingSuggestion.closest(
                to: text, among: ruleIDs + feedNames + entityIDs.map { "@" + $0 })
            throw .unknown(kind: "rule, feed or entity", name: text, suggestion: suggestion)
        }
    }

    private func known(_ name: String, among names: [String], kind: String, prefix: String = "")
        throws(Failure) -> String
    {
        guard names.contains(name) else {
            let suggestion = SpellingSuggestion.closest(to: name, among: names).map { prefix + $0 }
            throw .unknown(kind: kind, name: prefix + name, suggestion: suggestion)
        }
        return name
    }
}
