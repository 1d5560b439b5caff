/// The entities of a rule set as written (names, aliases, tags, the variants
/// their names generate), for `rules list` and `rules variants`: kept in the
/// compiled rules image and decoded only when asked for, since matching never
/// needs them.
///
/// Laid out as counts and strings, each a 4-byte little-endian number (a
/// string's is its UTF-8 length, then its bytes): for a large watchlist this
/// is written at every compile, and a general-purpose encoding such as JSON
/// costs seconds there.
struct RulesListing: Sendable {
    struct Entity: Sendable, Equatable {
        var summary: EntitySummary
        /// The token sequences of the entity's names, words joined by spaces.
        var variants: [String]
    }

    private let stored: ImageBytes

    init(_ stored: ImageBytes) {
        self.stored = stored
    }

    /// Every entity, in the order written; none when the listing cannot be
    /// read (it is checksummed with the rest of the image, so only a fault of
    /// the program could make it so).
    var entities: [Entity] {
        var reader = Reader(bytes: stored.bytes)
        return reader.entities() ?? []
    }

    /// The bytes of the listing of `entities`.
    static func encode(_ entities: [Entity]) -> [UInt8] {
        var bytes: [UInt8] = []
        func number(_ value: Int) {
            let word = UInt32(truncatingIfNeeded: value)
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        func string(_ text: String) {
            let utf8 = text.utf8
            number(utf8.count)
            bytes += utf8
        }
        func strings(_ texts: [String]) {
            number(texts.count)
            for text in texts { string(text) }
        }
        number(entities.count)
        for entity in entities {
            let summary = entity.summary
            string(summary.id)
            string(summary.name)
            string(summary.kind.rawValue)
            strings(summary.aliases)
            strings(summary.tags)
            number(summary.variantCount)
            strings(entity.variants)
        }
        return bytes
    }

    /// Reads what `encode` wrote; nil at the first value that does not fit.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func number() -> Int? {
            guard bytes.count - offset >= 4 else { return nil }
            var value = 0
            for index in 0..<4 { value |= Int(bytes[offset + index]) << (8 * index) }
            offset += 4
            return value
        }

        mutating func string() -> String? {
            guard let length = number(), bytes.count - offset >= length else { return nil }
            defer { offset += length }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }

        mutating func strings() -> [String]? {
            // Each string takes 4 bytes at least: a larger count is damage.
            guard let count = number(), count <= (bytes.count - offset) / 4 else { return nil }
            var texts: [String] = []
            texts.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = string() else { return nil }
                texts.append(text)
            }
            return texts
        }

        mutating func entities() -> [Entity]? {
            guard let count = number(), count <= bytes.count / 4 else { return nil }
            var entities: [Entity] = []
            entities.reserveCapacity(count)
            for _ in 0..<count {
                guard let id = string(), let name = string(),
                    let kind = string().flatMap(EntityKind.init(rawValue:)),
                    let aliases = strings(), let tags = strings(), let variantCount = number(),
                    let variants = strings()
                else { return nil }
                entities.append(
                    Entity(
                        summary: EntitySummary(
                            id: id, name: name, kind: kind, aliases: aliases, tags: tags,
                            variantCount: variantCount),
                        variants: variants))
            }
            return entities
        }
    }
}
