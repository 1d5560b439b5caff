import Foundation

/// The stable identity of an item within its feed. The rules, in order:
enum ItemIdentity {
    static func identify(_ item: ItemDraft, link: String?) -> String {
        // 1. The publisher's own identifier (RSS guid, Atom id): it is what
        //    the publisher promises to keep stable, even when links change.
        if let guid = item.guid?.trimmedWhitespace(), !guid.isEmpty {
            return guid
        }
        // 2. RSS 1.0's rdf:about names the item's resource; it is usually
        //    the link, but it is what RSS 1.0 documents use as identity.
        if let resource = item.resourceIdentifier, !resource.isEmpty {
            return resource
        }
        // 3. The link: one page is one story, for most publishers.
        if let link, !link.isEmpty {
            return link
        }
        // 4. Nothing given: a hash of title and date as written, so that the
        //    same item hashes alike on every poll; the content joins in only
        //    when both are missing, since content gets edited more often.
        var material = (item.title ?? "") + "\u{1F}" + (item.dateText ?? "")
        if item.title == nil, item.dateText == nil {
            material += "\u{1F}" + (item.summary ?? "") + "\u{1F}" + (item.content ?? "")
        }
        return "hash:" + fnv1a64Hex(material)
    }

    /// Makes repeated ids unique: some publishers reuse one guid for every
    /// item, so a repeat is told apart by its link, then by its position.
    static func disambiguate(_ ids: [String], links: [String?]) -> [String] {
        var seen: Set<String> = []
        seen.reserveCapacity(ids.count)
        var result: [String] = []
        result.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            var unique = id
            if seen.contains(unique), let link = links[index], !link.isEmpty, link != id {
                unique = id + "#" + link
            }
            if seen.contains(unique) { unique = id + "#" + String(index) }
            seen.insert(unique)
            result.append(unique)
        }
        return result
    }

    /// FNV-1a, 64 bits, as hex: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
