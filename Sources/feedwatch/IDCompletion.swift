import ArgumentParser
import Configuration
import Foundation
import RuleEngine

/// Shell completion of the ids a user types: rule ids, entity ids and feed
/// names, read from the rules folder and feeds.conf the command line names
/// (`--rules`, `--config`, else the defaults), as the command would read them.
/// The shell calls back into feedwatch for them; a folder or file that does
/// not read completes nothing rather than printing an error into the prompt.
enum IDCompletion {
    /// What an argument takes.
    enum Kind: Sendable {
        case rule, entity, feed
        /// `mute`'s target: `@entity`, a rule id or a feed name.
        case muteTarget
    }

    static let rules = CompletionKind.custom { words, _, prefix in
        candidates(.rule, words: words, prefix: prefix)
    }
    static let entities = CompletionKind.custom { words, _, prefix in
        candidates(.entity, words: words, prefix: prefix)
    }
    static let feeds = CompletionKind.custom { words, _, prefix in
        candidates(.feed, words: words, prefix: prefix)
    }
    static let muteTargets = CompletionKind.custom { words, _, prefix in
        candidates(.muteTarget, words: words, prefix: prefix)
    }

    /// The ids of `kind` that start with `prefix`, sorted; `words` is the
    /// command line being completed.
    static func candidates(_ kind: Kind, words: [String], prefix: String) -> [String] {
        let ids: [String]
        switch kind {
        case .rule: ids = ruleSet(words)?.rules.map(\.id) ?? []
        case .entity: ids = ruleSet(words)?.entities.map { "@" + $0.id } ?? []
        case .feed: ids = feedNames(words)
        case .muteTarget:
            let rules = ruleSet(words)
            ids =
                (rules?.entities.map { "@" + $0.id } ?? []) + (rules?.rules.map(\.id) ?? [])
                + feedNames(words)
        }
        // `--entity` takes the id with or without its @.
        let typed = kind == .entity && !prefix.hasPrefix("@") ? "@" + prefix : prefix
        let matching = Set(ids.filter { $0.hasPrefix(typed) }).sorted()
        return kind == .entity && !prefix.hasPrefix("@")
            ? matching.map { String($0.dropFirst()) } : matching
    }

    private static func ruleSet(_ words: [String]) -> RuleSet? {
        let folder = value(of: "--rules", in: words) ?? "rules"
        return try? RuleSet.load(directory: URL(fileURLWithPath: folder, isDirectory: true))
    }

    private static func feedNames(_ words: [String]) -> [String] {
        let path = value(of: "--config", in: words) ?? "feeds.conf"
        guard let reading = try? ConfigurationReading.read(path: path),
            let configuration = try? reading.configuration(needing: ConfigurationNeeds())
        else { return [] }
        return (configuration.feeds + configuration.disabledFeeds).map(\.name)
    }

    /// The value of `option` on the command line (`--rules DIR` or `--rules=DIR`), the last one given.
    static func value(of option: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix(option + "=") {
                found = String(word.dropFirst(option.count + 1))
            }
        }
        return found.map { NSString(string: $0).expandingTildeInPath }
    }
}
