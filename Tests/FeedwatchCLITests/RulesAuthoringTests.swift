import Foundation
import Testing

/// The analyst's rules commands, run as a user would: `rules check` warnings
/// and `--strict`, `rules test --explain` and `--feed`, `rules variants`.
@Suite struct RulesAuthoringTests {
    /// A workspace whose feed `wire` has the tag `afpak`, and rules with a
    /// lowercase operator and a feed filter.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed wire]
            url = file:wire.xml
            tags = afpak, world
            """)
        try workspace.write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani"

            equivalent prigozhin prigojine prigoschin

            entity "Yevgeny Prigozhin"
              alias "Пригожин*"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
              feeds tag:afpak

            rule "Prigozhin"
              id prigozhin
              match @yevgeny-prigozhin and killed
            """)
        return workspace
    }

    @Test func rulesCheckShowsWarningsWithACaretAndExitsZeroUnlessStrict() throws {
        let workspace = try Self.workspace()
        let result = try workspace.runner.run(["rules", "check"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "rules/watch.rules:17:28: rules: warning: and is read as the word \"and\""))
        #expect(result.standardError.contains("write AND for the operator"))
        #expect(result.standardError.contains("\n" + String(repeating: " ", count: 31) + "^"))
        #expect(result.standardOutput.contains("; 1 warning\n"))
        let strict = try workspace.runner.run(["rules", "check", "--strict"])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("--strict"))
    }

    @Test func rulesCheckWarnsOfAFeedFilterNoFeedOfFeedsConfPasses() throws {
        let workspace = try Self.workspace()
        try workspace.write(
            "rules/africa.rules",
            """
            rule "Africa"
              match @khalil-haqqani
              feeds tag:africa
            """)
        let result = try workspace.runner.run(["rules", "check"])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                "rules/africa.rules:3:9: rules: warning: the rule africa can never fire: no feed in feeds.conf has the tag africa (the tags are afpak, world)"
            ))
    }

    /// The summary's verb agrees with the tests that pass.
    @Test func rulesCheckCountsTheRuleTestsInGoodEnglish() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(
            at: workspace.url("rules/tests"), withIntermediateDirectories: true)
        try workspace.write(
            "rules/tests/haqqani.test",
            "item \"Khalilur Rehman Haqqani killed\"\n  expect haqqani\n")
        let one = try workspace.runner.run(["rules", "check"])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(
            one.standardOutput.contains("1 entity, 0 lists, 1 rule; 1 of 1 rule test passes\n"),
            "\(one.standardOutput)")

        try workspace.write(
            "rules/tests/haqqani.test",
            """
            item "Khalilur Rehman Haqqani killed"
              expect haqqani

            item "Storm closes airports"
              expect nothing

            item "Storm over Kabul"
              expect haqqani
            """)
        let three = try workspace.runner.run(["rules", "check"])
        #expect(three.status == 1)
        #expect(
            three.standardOutput.contains("; 2 of 3 rule tests pass\n"), "\(three.standardOutput)")
    }

    @Test func rulesTestFeedTakesTheFeedsTagsFromFeedsConf() throws {
        let workspace = try Self.workspace()
        let input = "Khalil Haqqani speaks\n"
        let asWire = try workspace.runner.run(
            ["rules", "test", "--json", "--feed", "wire", "-"], input: input)
        #expect(asWire.status == 0, "\(asWire.standardError)")
        #expect(asWire.standardOutput.contains("\"rule\": \"haqqani\""))
        // Another feed, or explicit --tags, sees other tags.
        let asOther = try workspace.runner.run(
            ["rules", "test", "--json", "--feed", "wire", "--tags", "world", "-"], input: input)
        #expect(asOther.standardOutput.contains("\"fired\": []"))
        let unknown = try workspace.runner.run(
            ["rules", "test", "--feed", "nowhere", "-"], input: input)
        #expect(unknown.standardError.contains("has no feed nowhere"))
    }

    @Test func rulesTestExplainListsNearMissesInJSONAndText() throws {
        let workspace = try Self.workspace()
        let input = "Khalil Haqqani speaks\n"
        let json = try workspace.runner.run(
            ["rules", "test", "--json", "--explain", "--feed", "bbc", "-"], input: input)
        #expect(json.status == 0, "\(json.standardError)")
        #expect(
            json.standardOutput.contains(
                "\"near_misses\": [{\"rule\": \"haqqani\", \"reason\": \"feed_filter\", \"held\": [\"@khalil-haqqani\"], \"missing\": [], \"feed_filter\": {\"feeds\": [\"tag:afpak\"], \"feed\": \"bbc\", \"feed_tags\": []}}]"
            ))
        // Without --explain the JSON line is as before.
        let plain = try workspace.runner.run(["rules", "test", "--json", "-"], input: input)
        #expect(!plain.standardOutput.contains("near_misses"))
        let text = try workspace.runner.run(
            ["rules", "test", "--explain", "--feed", "bbc", "-"], input: input)
        #expect(text.standardOutput.contains("came close:"))
        #expect(text.standardOutput.contains("feeds tag:afpak does not pass feed bbc (no tags)"))
    }

    @Test func rulesVariantsShowsEverySpellingOfAClassWithItsSource() throws {
        let workspace = try Self.workspace()
        let result = try workspace.runner.run(["rules", "variants", "@yevgeny-prigozhin"])
        #expect(result.status == 0, "\(result.standardError)")
        for spelling in [
            "yevgeny prigozhin", "yevgeny prigojine", "yevgeny prigoschin", "пригожин*",
        ] {
            #expect(result.standardOutput.contains("\n  \(spelling) "), "\(spelling)")
        }
        #expect(result.standardOutput.contains("equivalent prigozhin prigojine prigoschin"))
        let count = try workspace.runner.run(["rules", "variants", "--count", "yevgeny-prigozhin"])
        #expect(count.standardOutput == "4\n")
    }

    @Test func rulesVariantsSummarisesLongGroupsUnlessAll() throws {
        let workspace = try Self.workspace()
        try workspace.write(
            "rules/long.rules",
            """
            entity "Khalil-ur-Rehman Haqqani"
              id long-name
            """)
        let summary = try workspace.runner.run(["rules", "variants", "@long-name"])
        #expect(summary.status == 0, "\(summary.standardError)")
        #expect(summary.standardOutput.contains("; --all to list"))
        let all = try workspace.runner.run(["rules", "variants", "--all", "@long-name"])
        let count = try workspace.runner.run(["rules", "variants", "--count", "@long-name"])
        let total = Int(count.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let listed = all.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(total > 8)
        #expect(listed.count == total)
    }
}
