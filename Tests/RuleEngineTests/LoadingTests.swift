import Foundation
import Testing

@testable import RuleEngine

/// Loading a folder: name order, problems across files, missing folders.
@Suite struct LoadingTests {
    func folder(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rule-engine-tests-\(UUID().uuidString)")
            .appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// `name` in `directory` as messages name it from a folder it is not
    /// under: its absolute path, which opens from anywhere.
    static func shown(_ directory: URL, _ name: String) -> String {
        directory.appendingPathComponent(name).standardizedFileURL.resolvingSymlinksInPath().path
    }

    @Test func filesLoadInNameOrderAsOneRuleSet() throws {
        let directory = try folder([
            "b.rules": "rule \"Second\"\n  match @kabul\n",
            "a.rules": "entity \"Kabul\"\nrule \"First\"\n  match kabul\n",
            "notes.txt": "not rules",
            "tests/x.test": "item \"Kabul\"\n  expect first, second\n",
        ])
        let ruleSet = try RuleSet.load(directory: directory)
        #expect(ruleSet.rules.map(\.id) == ["first", "second"])
        let cases = try RuleTestFiles.load(directory: directory.appendingPathComponent("tests"))
        // Outside the current folder, files are named by their absolute path.
        #expect(cases.map(\.file) == [Self.shown(directory, "tests/x.test")])
        #expect(RuleTestRunner.run(cases, against: ruleSet).isEmpty)
    }

    @Test func problemsOfEveryFileAreReportedWithTheirFile() throws {
        let directory = try folder([
            "a.rules": "rule \"A\"\n  match @ghost\n",
            "b.rules": "rule \"B\"\n  severity loud\n  match x\n",
        ])
        do {
            _ = try RuleSet.load(directory: directory)
            Issue.record("expected problems")
        } catch {
            let a = Self.shown(directory, "a.rules")
            #expect(error.problems.map(\.file) == [a, Self.shown(directory, "b.rules")])
            #expect(error.problems.allSatisfy { $0.sourceLine != nil })
            #expect(error.description.hasPrefix("\(a):2:9: rules: unknown entity @ghost"))
        }
    }

    @Test func aMissingOrEmptyFolderIsAProblem() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-such-\(UUID().uuidString)")
        #expect(throws: RulesError.self) { try RuleSet.load(directory: missing) }
        do {
            _ = try RuleSet.load(directory: missing)
        } catch {
            #expect(
                error.description.hasPrefix("\(missing.path): rules: cannot read the rules folder"))
        }
        let empty = try folder(["readme.md": "nothing"])
        #expect(throws: RulesError.self) { try RuleSet.load(directory: empty) }
        #expect(try RuleTestFiles.load(directory: missing).isEmpty)
    }

    @Test func listingsAndVariants() throws {
        let ruleSet = try RuleSet.from(
            "entity \"Khalil-ur-Rehman Haqqani\"\n  id khalil\n  alias \"KUR\"\nlist l\n  a, \"b c\"\nrule \"R\"\n  match @khalil #l\n"
        )
        #expect(ruleSet.entities.first?.variantCount == ruleSet.variants(ofEntity: "khalil")?.count)
        #expect(ruleSet.variants(ofEntity: "khalil")?.contains("khalilurrehman haqqani") == true)
        #expect(ruleSet.variants(ofEntity: "khalil")?.contains("k u r") == true)
        #expect(ruleSet.variants(ofEntity: "nobody") == nil)
        #expect(ruleSet.lists.first?.terms == ["a", "\"b c\""])
        #expect(ruleSet.matcherSize.patterns > 0)
    }
}
