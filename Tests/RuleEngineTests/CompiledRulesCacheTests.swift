import Foundation
import Testing

@testable import RuleEngine

/// The compiled rules kept beside the state: reused while the rules and the
/// program are unchanged, compiled again on any edit, and never trusted when
/// the file is damaged.
@Suite struct CompiledRulesCacheTests {
    let rules = """
        entity "Khalil Haqqani"
          id khalil
          alias "Khalilur Rehman Haqqani"
        list attack
          bomb*, ambush
        rule "Haqqani attack"
          id haqqani
          match @khalil NEAR/5 #attack
        """

    /// A rules folder with `watch.rules`, and the cache file's path beside it.
    func workspace(_ source: String) throws -> (rules: URL, cache: CompiledRulesCache) {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("compiled-rules-tests-\(UUID().uuidString)")
        let rules = root.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try source.write(
            to: rules.appendingPathComponent("watch.rules"), atomically: true, encoding: .utf8)
        let cache = CompiledRulesCache(
            besideState: root.appendingPathComponent("state/feedwatch.db").path,
            programVersion: "test 1")
        return (rules, cache)
    }

    func load(_ rules: URL, _ cache: CompiledRulesCache, knownSinks: Set<String>? = nil) throws
        -> (RuleSet, CompiledRulesCache.Outcome)
    {
        try RuleSet.load(directory: rules, knownSinks: knownSinks, cache: cache)
    }

    func bytes(_ cache: CompiledRulesCache) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: cache.path)))
    }

    func write(_ bytes: [UInt8], _ cache: CompiledRulesCache) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
    }

    @Test func theSecondLoadReadsTheCompiledRulesAndMatchesAlike() throws {
        let (rules, cache) = try workspace(rules)
        let (compiled, first) = try load(rules, cache)
        #expect(first == .compiled(reason: .absent, saveError: nil))
        #expect(FileManager.default.fileExists(atPath: cache.path))
        let (loaded, second) = try load(rules, cache)
        #expect(second == .loaded)
        let text = "Khalilur Rehman Haqqani escaped the ambush near Kabul"
        #expect(compiled.fired(text) == ["haqqani"])
        #expect(loaded.fired(text) == ["haqqani"])
        #expect(loaded.fired("An ambush near Kabul").isEmpty)
        #expect(loaded.rules == compiled.rules)
        #expect(loaded.entities == compiled.entities)
        #expect(loaded.lists == compiled.lists)
        #expect(loaded.variants(ofEntity: "khalil") == compiled.variants(ofEntity: "khalil"))
        #expect(loaded.matcherSize.patterns == compiled.matcherSize.patterns)
    }

    @Test func anEditOfTheRulesCompilesThemAgain() throws {
        let (rules, cache) = try workspace(rules)
        _ = try load(rules, cache)
        try (self.rules + "\nrule \"Storms\"\n  id storms\n  match storm\n").write(
            to: rules.appendingPathComponent("watch.rules"), atomically: true, encoding: .utf8)
        let (edited, outcome) = try load(rules, cache)
        #expect(outcome == .compiled(reason: .rulesChanged, saveError: nil))
        #expect(edited.fired("Storm closes airports") == ["storms"])
        // A new file counts as an edit too.
        try "rule \"Floods\"\n  id floods\n  match flood\n".write(
            to: rules.appendingPathComponent("z.rules"), atomically: true, encoding: .utf8)
        let (added, again) = try load(rules, cache)
        #expect(again == .compiled(reason: .rulesChanged, saveError: nil))
        #expect(added.fired("Flood and storm") == ["storms", "floods"])
        #expect(try load(rules, cache).1 == .loaded)
    }

    @Test func anotherProgramVersionCompilesThemAgain() throws {
        let (rules, cache) = try workspace(rules)
        _ = try load(rules, cache)
        let other = CompiledRulesCache(path: cache.path, programVersion: "test 2")
        #expect(try load(rules, other).1 == .compiled(reason: .programChanged, saveError: nil))
        #expect(try load(rules, other).1 == .loaded)
    }

    @Test func aBrokenEditIsReportedAsWithoutACache() throws {
        let (rules, cache) = try workspace(rules)
        _ = try load(rules, cache)
        try "rule \"Oops\"\n  match @nobody\n".write(
            to: rules.appendingPathComponent("watch.rules"), atomically: true, encoding: .utf8)
        let error = #expect(throws: RulesError.self) { try load(rules, cache) }
        #expect(error?.description.contains("rules/watch.rules:2:") == true)
    }

    @Test func aSinkThatLeftFeedsConfIsReportedEvenWhenTheRulesDidNotChange() throws {
        let (rules, cache) = try workspace(rules + "\n  notify ops\n")
        #expect(try load(rules, cache, knownSinks: ["ops"]).1 != .loaded)
        #expect(try load(rules, cache, knownSinks: ["ops"]).1 == .loaded)
        #expect(throws: RulesError.self) { try load(rules, cache, knownSinks: []) }
    }

    @Test func aTruncatedFileIsDiscardedAndRebuilt() throws {
        let (rules, cache) = try workspace(rules)
        _ = try load(rules, cache)
        let whole = try bytes(cache)
        for length in [
            0, 7, RulesImage.headerSize - 1, RulesImage.headerSize, whole.count / 2,
            whole.count - 1,
        ] {
            try write(Array(whole.prefix(length)), cache)
            let (ruleSet, outcome) = try load(rules, cache)
            guard case .compiled(.discarded, nil) = outcome else {
                Issue.record("a file cut to \(length) bytes gave \(outcome)")
                continue
            }
            #expect(outcome.isNotable)
            #expect(ruleSet.fired("Khalil Haqqani ambush") == ["haqqani"])
            #expect(try self.bytes(cache) == whole, "rebuilt as it was")
        }
        #expect(try load(rules, cache).1 == .loaded)
    }

    @Test func aFlippedBitAnywhereIsDiscarded() throws {
        let (rules, cache) = try workspace(rules)
        _ = try load(rules, cache)
        let whole = try bytes(cache)
        // Every byte past the digests (which decide a miss of their own kind),
        // tables, metadata and listing alike.
        let offsets = Array(stride(from: 96, to: whole.count, by: max(1, whole.count / 97)))
        var damaged = 0
        for offset in offsets {
            var copy = whole
            copy[offset] ^= 0x10
            try write(copy, cache)
            if case .compiled(.discarded, _) = try load(rules, cache).1 { damaged += 1 }
        }
        #expect(damaged == offsets.count)
        #expect(try load(rules, cache).1 == .loaded)
    }

    @Test func aFileThatIsNotCompiledRulesIsDiscarded() throws {
        let (rules, cache) = try workspace(rules)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: cache.path).deletingLastPathComponent(),
            withIntermediateDirectories: true)
        try write(
            Array("not compiled rules at all, but long enough to have a header".utf8)
                + [UInt8](repeating: 0, count: 200), cache)
        guard case .compiled(.discarded(let why), nil) = try load(rules, cache).1 else {
            Issue.record("a foreign file was not discarded")
            return
        }
        #expect(why.contains("not a compiled rules file"))
        #expect(try load(rules, cache).1 == .loaded)
    }

    /// An image whose checksum agrees but whose tables point outside
    /// themselves (a fault of the writer, not of the disk) is refused too.
    @Test func tablesThatDoNotHoldTogetherAreRefusedEvenWithAGoodChecksum() throws {
        let image = try RuleSet.compileImage(
            files: [("rules/watch.rules", rules)], knownSinks: nil,
            digests: RulesDigests(program: RulesDigests.none, rules: RulesDigests.none))
        _ = try RuleSet(image: image)
        let reader = try RulesImageReader(image)
        let header = reader.header
        // Each table of indices in turn gets an index far past its end.
        for section in [
            RulesImage.Section.childStates, .failure, .outputs, .patternAtoms, .atomLeaves,
            .rootTransitions, .prefixChildren,
        ] {
            let copy = TableMemory(byteCount: image.byteCount) { buffer in
                for index in 0..<image.byteCount {
                    buffer[index] = image.load(UInt8.self, at: index)
                }
            }
            let range = try reader.slice(section).range
            guard !range.isEmpty else { continue }
            copy.store(Int32(1_000_000).littleEndian, at: range.lowerBound)
            copy.store(copy.checksum(16..<header.loadLength).littleEndian, at: 8)
            #expect(throws: RulesImageProblem.self, "\(section)") { try RuleSet(image: copy) }
        }
    }
}
