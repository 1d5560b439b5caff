import ArgumentParser
import FeedModel
import Foundation
import RuleEngine

/// `feedwatch rules list`: the entities, lists and rules, with their counts.
struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the entities, keyword lists and rules.")

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let ruleSet = try RulesLoading.load(options, checkSinks: false)
        if json {
            let listing = Listing(ruleSet)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
            return
        }
        // Decoded once: the compiled rules keep the entities for listings only.
        let entities = ruleSet.entities
        print("Entities (\(entities.count))")
        let idWidth = entities.map(\.id.count).max() ?? 0
        for entity in entities {
            let tags = entity.tags.isEmpty ? "" : "  tags: \(entity.tags.joined(separator: ", "))"
            print(
                "  \(pad(entity.id, idWidth))  \(pad(entity.kind.rawValue, 6))  \(entity.name)  "
                    + "(\(Counted.phrase(entity.aliases.count, "alias")), \(Counted.phrase(entity.variantCount, "variant")))\(tags)"
            )
        }
        print("\nLists (\(ruleSet.lists.count))")
        for list in ruleSet.lists {
            print(
                "  #\(list.id)  \(Counted.phrase(list.terms.count, "term")): \(list.terms.joined(separator: ", "))"
            )
        }
        print("\nRules (\(ruleSet.rules.count))")
        let ruleWidth = ruleSet.rules.map(\.id.count).max() ?? 0
        for rule in ruleSet.rules {
            print("  \(pad(rule.id, ruleWidth))  \(pad(rule.severity.rawValue, 8))  \(rule.title)")
            print("  \(pad("", ruleWidth))  match   \(rule.match)")
            for exception in rule.unless { print("  \(pad("", ruleWidth))  unless  \(exception)") }
            if !rule.feeds.isEmpty {
                print("  \(pad("", ruleWidth))  feeds   \(rule.feeds.joined(separator: ", "))")
            }
            print(
                "  \(pad("", ruleWidth))  notify  \(rule.notify.joined(separator: ", "))\(rule.notifyEach ? " (each report)" : "")"
            )
            if let escalation = rule.escalation {
                print("  \(pad("", ruleWidth))  escalate  \(escalation.written)")
            }
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// The JSON shape of `rules list --json`.
    struct Listing: Encodable {
        struct Entity: Encodable {
            var id, name, kind: String
            var aliases, tags: [String]
            var variants: Int
        }
        struct List: Encodable {
            var id: String
            var terms: [String]
        }
        struct Rule: Encodable {
            var id, title, severity, match: String
            var unless, feeds, notify: [String]
            var notifyEach: Bool
            /// `3 sources within 6h`, when the rule escalates.
            var escalate: String?

            enum CodingKeys: String, CodingKey {
                case id, title, severity, match, unless, feeds, notify, escalate
                case notifyEach = "notify_each"
            }
        }
        var entities: [Entity]
        var lists: [List]
        var rules: [Rule]

        init(_ ruleSet: RuleSet) {
            entities = ruleSet.entities.map {
                Entity(
                    id: $0.id, name: $0.name, kind: $0.kind.rawValue, aliases: $0.aliases,
                    tags: $0.tags,
                    variants: $0.variantCount)
            }
            lists = ruleSet.lists.map { List(id: $0.id, terms: $0.terms) }
            rules = ruleSet.rules.map {
                Rule(
                    id: $0.id, title: $0.title, severity: $0.severity.rawValue, match: $0.match,
                    unless: $0.unless, feeds: $0.feeds, notify: $0.notify,
                    notifyEach: $0.notifyEach,
                    escalate: $0.escalation?.written)
            }
        }
    }
}
