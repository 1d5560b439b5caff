import FeedModel
import Foundation
import Store

/// Items with every field filled, for round trips.
enum SampleItems {
    static let epoch = Date(timeIntervalSince1970: 1_790_000_000)

    static func item(id: String) -> Item {
        Item(
            id: id, title: "Blast in <b>Kabul</b> \(id)", link: "https://example.org/\(id)?a=1&b=2",
            summary: "<p>Summary of \(id) &amp; more</p>", content: "<div>Full text of \(id)</div>",
            authors: ["Staff, Reporter", "Desk \"Asia\""], categories: ["afpak", "security"],
            published: epoch.addingTimeInterval(-3600), updated: epoch.addingTimeInterval(-60),
            text: ItemText(
                title: "Blast in Kabul \(id)", summary: "Summary of \(id) & more",
                content: "Full text of \(id)"))
    }

    static func seen(id: String, hash: String = "hash-1", firstSeen: Date = epoch) -> SeenItem {
        SeenItem(item: item(id: id), contentHash: hash, firstSeen: firstSeen)
    }
}
