import ArgumentParser

/// `feedwatch rules check|test|list|variants` (owned by the rule-engine work).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check, test and list the rules.")

    func run() throws {}
}
