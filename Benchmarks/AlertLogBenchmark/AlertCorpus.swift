import AlertLog
import BenchmarkSupport
import FeedModel
import Foundation
import RuleEngine
import Store

/// The seed of every generated alert: the same log on every run.
let seed: UInt64 = 20_261_125

// Realistic alerts: rules, feeds, places, people and entities in skewed
// proportions, as a desk's real alert log has them.

/// The starter rules' ids with their severities, then more desk rules.
let rules: [(id: String, severity: Severity)] =
    [
        ("haqqani-attack", .high), ("taliban-leader-death", .high), ("iskp-claim", .high),
        ("ministry-attack", .critical), ("pakistan-city-attack", .medium),
        ("ttp-attack", .medium),
    ]
    + (0..<34).map { index in
        let severities: [Severity] = [.info, .low, .low, .medium, .medium, .high, .critical]
        return ("desk-rule-\(index)", severities[index % severities.count])
    }
let places = [
    "Kabul", "Kandahar", "Herat", "Jalalabad", "Peshawar", "Quetta", "Karachi", "Lahore",
    "Islamabad", "Rawalpindi", "Kunduz", "Khost", "Bannu", "Gwadar", "Mazar-i-Sharif",
]
let people = [
    "Sirajuddin Haqqani", "Khalil Haqqani", "Anas Haqqani", "Hibatullah Akhundzada",
    "Noor Wali Mehsud", "Sanaullah Ghafari", "Amir Khan Muttaqi", "Zabihullah Mujahid",
]
let titleWords = [
    "attack", "blast", "killed", "wounded", "police", "checkpoint", "ministry", "convoy",
    "militants", "claim", "responsibility", "border", "crossing", "talks", "ceasefire", "army",
    "operation", "suicide", "bomber", "mosque", "market", "officials", "say", "district", "raid",
    "arrested", "province", "security", "forces", "protest", "strike", "drone", "night", "rocket",
]
let entities =
    (0..<150).map { "entity-\($0)" } + people.map { $0.lowercased().replacing(" ", with: "-") }
let feeds = (0..<300).map { "feed-\($0)" }

func words(_ generator: inout SeededGenerator, _ count: Int) -> String {
    (0..<count).map { _ in titleWords[generator.below(titleWords.count)] }.joined(separator: " ")
}

/// Alert `index` of the log: a time in `start..<start+span`, increasing with the index.
func makeAlert(_ index: Int, count: Int, start: Date, span: TimeInterval, feed: String? = nil)
    -> Alert
{
    var generator = SeededGenerator(state: seed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
    let rule = rules[generator.skewed(rules.count)]
    let feed = feed ?? feeds[generator.skewed(feeds.count)]
    let place = places[generator.skewed(places.count)]
    let person = people[generator.below(people.count)]
    let title =
        "\(place): \(words(&generator, 3)) \(person) \(words(&generator, 4 + generator.below(6)))"
    let itemID = "https://news.example.org/\(feed)/\(index)"
    let step = span / Double(count)
    let time = start.addingTimeInterval(
        (Double(index) * step + Double(generator.below(max(1, Int(step))))).rounded(.down))
    var named: [String] = []
    for _ in 0..<generator.below(4) {
        let entity = entities[generator.skewed(entities.count)]
        if !named.contains(entity) { named.append(entity) }
    }
    let matches = (0...generator.below(3)).map { number in
        let field: TextField = number == 0 ? .title : (number == 1 ? .summary : .content)
        let text = number == 0 ? person : words(&generator, 2)
        return TermMatch(
            term: number == 0 ? "@\(named.first ?? "person")" : "#attack", field: field, text: text)
    }
    return Alert(
        id: AlertID.make(rule: rule.id, feed: feed, itemID: itemID),
        time: time, rule: rule.id, severity: rule.severity, feed: feed,
        item: AlertItem(
            id: itemID, title: title, link: itemID + "?utm_source=rss",
            published: time.addingTimeInterval(-Double(generator.below(3600)))),
        matches: matches, entities: named,
        snippet:
            "…\(words(&generator, 12)) \(person) \(words(&generator, 14)) in \(place) \(words(&generator, 6))…",
        story: String(index / 3, radix: 16), sources: 1 + generator.below(4))
}

func seenItem(for alert: Alert) -> SeenItem {
    SeenItem(
        item: Item(
            id: alert.item.id, title: alert.item.title, link: alert.item.link,
            summary: alert.snippet, published: alert.item.published,
            text: ItemText(title: alert.item.title ?? "", summary: alert.snippet)),
        contentHash: String(alert.id.prefix(32)), firstSeen: alert.time)
}
