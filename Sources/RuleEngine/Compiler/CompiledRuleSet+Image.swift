import Foundation

extension CompiledRuleSet {
    /// The rule set of a compiled rules image, every table and index checked:
    /// an image that does not hold together is refused, never half used.
    convenience init(reading image: RulesImageReader) throws(RulesImageProblem) {
        let metadata: RulesImageMetadata
        do {
            metadata = try JSONDecoder().decode(
                RulesImageMetadata.self, from: Data(image.bytes(.metadata)))
        } catch let problem as RulesImageProblem {
            throw problem
        } catch {
            throw .badMetadata("\(error)")
        }
        let matcher = try Matcher(
            reading: image, symbolCount: metadata.symbolCount, ringSize: metadata.ringSize,
            atomCount: metadata.atomCount)
        let leafCount = metadata.leafLabels.count
        let ruleCount = metadata.rules.count
        let leaves = Int32(0)..<Int32(clamping: leafCount)
        let ruleIndices = Int32(0)..<Int32(clamping: ruleCount)

        let atomLeafStart = try image.table(
            .atomLeafStart, of: Int32.self, count: metadata.atomCount + 1)
        let atomLeaves = try image.table(.atomLeaves, of: Int32.self)
        guard atomLeafStart.isRunStarts(endingAt: atomLeaves.count), atomLeaves.all(in: leaves)
        else {
            throw .badTable("the leaves of the atoms")
        }
        let entityIDStart = try image.table(.entityIDStart, of: Int32.self)
        let entityIDBytes = try image.table(.entityIDBytes, of: UInt8.self)
        guard entityIDStart.count >= 1, entityIDStart.count - 1 <= metadata.atomCount,
            entityIDStart.isRunStarts(endingAt: entityIDBytes.count)
        else {
            throw .badTable("the entity ids")
        }
        guard metadata.leafRules.count == leafCount,
            metadata.leafRules.allSatisfy({ $0.allSatisfy(ruleIndices.contains) }),
            metadata.alwaysCandidates.allSatisfy(ruleIndices.contains),
            metadata.rules.allSatisfy({ rule in
                (rule.match.leaves + rule.unless.flatMap(\.leaves)).allSatisfy(leaves.contains)
            })
        else {
            throw .badMetadata("a rule or leaf index out of range")
        }
        self.init(
            rules: metadata.rules.map {
                CompiledRule(
                    summary: $0.summary, match: $0.match, unless: $0.unless, feeds: $0.feeds,
                    alwaysCandidate: $0.alwaysCandidate)
            },
            leafLabels: metadata.leafLabels, matcher: matcher,
            spelling: SpellingClasses(extra: metadata.equivalents), lists: metadata.lists,
            listing: RulesListing(try image.slice(.listing)),
            entityIDs: (entityIDStart, entityIDBytes), atomLeaves: (atomLeafStart, atomLeaves),
            leafRules: metadata.leafRules, alwaysCandidates: metadata.alwaysCandidates)
    }
}
