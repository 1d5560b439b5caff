import Foundation

/// What compiling a rules folder makes, before it is laid out as a
/// `RulesImage`: the entities with their variants, the lists, the rules and
/// their leaves, and the matcher's tables.
struct CompiledRulesContents {
    var entities: [CompiledEntity]
    var lists: [ListSummary]
    var rules: [CompiledRule]
    var leaves: [CompiledLeaf]
    var matcher: Matcher.Builder
    var atomCount: Int
    /// The folder's `equivalent` lines, for `RuleSet.spellings(of:)`.
    var equivalents: [[String]]

    /// The image of these contents, keyed by the two digests (see `RulesImage`).
    func image(programDigest: [UInt8], rulesDigest: [UInt8]) -> TableMemory {
        var writer = RulesImageWriter()
        matcher.write(into: &writer)
        let (atomLeafStart, atomLeaves) = atomLeafRuns()
        writer.add(.atomLeafStart, atomLeafStart)
        writer.add(.atomLeaves, atomLeaves)
        var idStart: [Int32] = [0]
        var idBytes: [UInt8] = []
        for entity in entities {
            idBytes += Array(entity.summary.id.utf8)
            idStart.append(Int32(idBytes.count))
        }
        writer.add(.entityIDStart, idStart)
        writer.add(.entityIDBytes, bytes: idBytes)
        writer.add(.metadata, bytes: Self.json(metadata()))
        writer.add(
            .listing,
            bytes: RulesListing.encode(
                entities.map {
                    RulesListing.Entity(
                        summary: $0.summary,
                        variants: $0.variants.map { $0.map(\.written).joined(separator: " ") })
                }))
        return writer.image(programDigest: programDigest, rulesDigest: rulesDigest)
    }

    /// For each atom, the leaves it belongs to, as runs.
    private func atomLeafRuns() -> (start: [Int32], leaves: [Int32]) {
        var leavesOfAtom = [[Int32]](repeating: [], count: atomCount)
        for (leafIndex, leaf) in leaves.enumerated() {
            for atom in leaf.atoms { leavesOfAtom[Int(atom)].append(Int32(leafIndex)) }
        }
        var start: [Int32] = [0]
        var flat: [Int32] = []
        for list in leavesOfAtom {
            flat += list
            start.append(Int32(flat.count))
        }
        return (start, flat)
    }

    private func metadata() -> RulesImageMetadata {
        // A rule is evaluated only when one of its trigger leaves occurs; keyword
        // lists and words are common in news, entities are rare, so entities win.
        var leafRules = [[Int32]](repeating: [], count: leaves.count)
        var always: [Int32] = []
        let cost: (Int32) -> Int = { leaf in leaves[Int(leaf)].namesEntities ? 1 : 1_000 }
        for (ruleIndex, rule) in rules.enumerated() {
            guard !rule.alwaysCandidate, let triggers = rule.match.triggers(cost: cost) else {
                always.append(Int32(ruleIndex))
                continue
            }
            for leaf in Set(triggers).sorted() { leafRules[Int(leaf)].append(Int32(ruleIndex)) }
        }
        return RulesImageMetadata(
            symbolCount: matcher.symbolCount, ringSize: matcher.ringSize, atomCount: atomCount,
            rules: rules.map(RulesImageMetadata.Rule.init),
            leafLabels: leaves.map(\.label), leafRules: leafRules, alwaysCandidates: always,
            lists: lists, equivalents: equivalents)
    }

    private static func json<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // safe: the values are plain structs of strings and numbers, which always encode.
        return (try? Array(encoder.encode(value))) ?? []
    }
}

/// The part of a `RulesImage` that is not a table of numbers: the rules with
/// their compiled queries, the leaves' labels, which rules each leaf wakes,
/// the lists and the `equivalent` lines; with the counts the tables must agree with.
struct RulesImageMetadata: Codable {
    struct Rule: Codable {
        var summary: RuleSummary
        var match: CompiledQuery
        var unless: [CompiledQuery]
        var feeds: [FeedFilter]
        var alwaysCandidate: Bool

        init(_ rule: CompiledRule) {
            summary = rule.summary
            match = rule.match
            unless = rule.unless
            feeds = rule.feeds
            alwaysCandidate = rule.alwaysCandidate
        }
    }

    var symbolCount: Int
    var ringSize: Int
    var atomCount: Int
    var rules: [Rule]
    var leafLabels: [String]
    var leafRules: [[Int32]]
    var alwaysCandidates: [Int32]
    var lists: [ListSummary]
    var equivalents: [[String]]
}
