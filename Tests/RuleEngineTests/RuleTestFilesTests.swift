import Testing

@testable import RuleEngine

/// The `rules/tests/*.test` format and its runner.
@Suite struct RuleTestFilesTests {
    @Test func parsesItemsAndReportsFailuresWithTheirLine() throws {
        let ruleSet = try RuleSet.from(
            "rule \"K\"\n  match kabul\n  feeds tag:afpak\nrule \"B\"\n  match blast\n")
        let source = """
            item "Blast in Kabul"
              summary "a summary"
              content "some content"
              feed-tags afpak, world
              expect k, b
            item "Kabul"
              expect nothing
            item "Quiet day"
              expect nothing
            """
        let (cases, problems) = RuleTestFiles.parse(source, file: "t.test")
        #expect(problems.isEmpty)
        #expect(cases.count == 3)
        #expect(cases[0].summary == "a summary")
        #expect(cases[0].content == "some content")
        #expect(cases[0].feedTags == ["afpak", "world"])
        #expect(cases[0].expected == ["k", "b"])
        let failures = RuleTestRunner.run(cases, against: ruleSet)
        #expect(failures.isEmpty)

        let (failing, _) = RuleTestFiles.parse(
            "item \"Blast\"\n  expect nothing\n\nitem \"Kabul\"\n  expect b\n", file: "f.test")
        let failed = RuleTestRunner.run(failing, against: ruleSet)
        #expect(
            failed.map(\.description) == [
                "f.test:1: \"Blast\": expected nothing, but b fired",
                "f.test:4: \"Kabul\": expected b, but nothing fired",
            ])
    }

    @Test func anExpectedRuleThatDoesNotExistIsAFailure() throws {
        let ruleSet = try RuleSet.from("rule \"K\"\n  match kabul\n")
        let (cases, _) = RuleTestFiles.parse(
            "item \"Kabul\"\n  expect k, kabul-rule\n", file: "t.test")
        let failures = RuleTestRunner.run(cases, against: ruleSet)
        #expect(failures.map(\.unknownRules) == [["kabul-rule"]])
        #expect(failures.first?.description.contains("no rule has the id kabul-rule") == true)
    }

    @Test(arguments: [
        ("item Kabul\n  expect nothing\n", "1:6", "title in double quotes"),
        ("item \"K\"\n", "1:1", "no expect line"),
        ("item \"K\"\n  expect\n", "2:9", "expect takes rule ids"),
        ("item \"K\"\n  expect nothing, k\n", "2:10", "expect takes rule ids"),
        ("item \"K\"\n  tags a\n  expect nothing\n", "2:3", "unknown property tags"),
        ("item \"K\"\n  summary a\n  expect nothing\n", "2:11", "one text in double quotes"),
        ("rule \"K\"\n", "1:1", "item blocks"),
    ])
    func problems(source: String, location: String, message: String) {
        let (_, problems) = RuleTestFiles.parse(source, file: "t.test")
        #expect(
            problems.contains {
                "\($0.line):\($0.column)" == location && $0.message.contains(message)
            },
            "\(problems)")
    }

    @Test func renderingShowsTheLineAndACaret() {
        do {
            _ = try RuleSet.from("rule \"R\"\n\tmatch kabul AND @nobody\n")
            Issue.record("expected a problem")
        } catch {
            #expect(
                error.rendered() == """
                    test.rules:2:18: rules: unknown entity @nobody: no entity has this id
                        \tmatch kabul AND @nobody
                        \t                ^
                    """)
            #expect(error.rendered(colors: true).contains("\u{1B}[1;31m"))
        }
    }
}
