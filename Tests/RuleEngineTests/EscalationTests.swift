import Testing

@testable import RuleEngine

@Suite struct EscalationTests {
    @Test func aRuleSaysWhenItsStoryEscalates() throws {
        let rules = try RuleSet.from(
            """
            rule "Spreading"
              severity high
              match bombing
              escalate 3 sources within 6h
            rule "Quiet"
              match bombing
            """)
        #expect(rules.rules[0].escalation == Escalation(sources: 3, within: 6 * 3600))
        #expect(rules.rules[0].escalation?.written == "3 sources within 6h")
        #expect(rules.rules[1].escalation == nil)
        #expect(Escalation(sources: 2, within: 90).written == "2 sources within 90s")
    }

    @Test(arguments: [
        ("escalate 3 sources", "2:12", "write it like `escalate 3 sources within 6h`"),
        ("escalate three sources within 6h", "2:12", "at least 2"),
        ("escalate 1 sources within 6h", "2:12", "at least 2"),
        ("escalate 3 sources within soon", "2:29", "soon is no duration"),
        ("escalate 3 sources within 0h", "2:29", "0h is no duration"),
        ("escalate 3 feeds within 6h", "2:12", "write it like"),
    ])
    func aMiswrittenEscalationIsReportedWhereItIs(line: String, location: String, message: String) {
        do {
            _ = try RuleSet.from("rule \"R\"\n  \(line)\n  match bombing\n")
            Issue.record("expected a problem with \(line)")
        } catch {
            #expect(error.problems.map { "\($0.line):\($0.column)" } == [location])
            #expect(error.problems.first?.message.contains(message) == true, "\(error)")
        }
    }

    @Test func severityGoesOneLevelUpToCriticalAtMost() {
        #expect(Severity.info.raised == .low)
        #expect(Severity.high.raised == .critical)
        #expect(Severity.critical.raised == .critical)
    }
}
