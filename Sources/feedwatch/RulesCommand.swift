import ArgumentParser
import Configuration
import FeedModel
import Foundation
import RuleEngine

/// `feedwatch rules check|test|list|variants`: the analyst's tools for the rules folder.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check, test and list the rules.",
        subcommands: [
            RulesCheckCommand.self, RulesTestCommand.self, RulesListCommand.self,
            RulesVariantsCommand.self,
        ])
}

/// Loading the rules the way every `rules` subcommand does.
enum RulesLoading {
    /// The sink names of feeds.conf when it can be read; nil skips the sink check.
    static func knownSinks(_ options: CommonOptions) -> Set<String>? {
        guard FileManager.default.fileExists(atPath: options.config) else { return nil }
        do {
            let configuration = try ConfigurationFile.load(path: options.config)
            return Set(configuration.sinks.map(\.name))
        } catch {
            printError(
                "rules: sink names not checked, \(options.config) could not be read: \(error)")
            return nil
        }
    }

    /// The rule set of `--rules`, or the errors on stderr and exit status 65.
    static func load(_ options: CommonOptions, checkSinks: Bool = true) throws -> RuleSet {
        do {
            return try RuleSet.load(
                directory: options.rulesDirectory,
                knownSinks: checkSinks ? knownSinks(options) : nil)
        } catch {
            printError(error.rendered(colors: isatty(STDERR_FILENO) != 0))
            let count = error.problems.count
            printError(
                "\(Counted.phrase(count, "problem")); the rules folder \(options.rules) was not loaded"
            )
            throw ExitStatus.badInput
        }
    }
}

/// `feedwatch rules check`: validate the folder, then run its rule tests.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the rules folder and run the rule tests in its tests/ folder.",
        discussion: "Exits 65 when the rules have errors, 1 when a rule test fails, 0 otherwise.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let ruleSet = try RulesLoading.load(options)
        let testsDirectory = options.rulesDirectory.appendingPathComponent("tests")
        let cases: [RuleTestCase]
        do {
            cases = try RuleTestFiles.load(directory: testsDirectory)
        } catch {
            printError(error.rendered(colors: isatty(STDERR_FILENO) != 0))
            throw ExitStatus.badInput
        }
        let failures = RuleTestRunner.run(cases, against: ruleSet)
        for failure in failures { printError(failure.description) }
        print(
            "\(options.rules): \(Counted.phrase(ruleSet.entityCount, "entity")), \(Counted.phrase(ruleSet.lists.count, "list")), "
                + "\(Counted.phrase(ruleSet.rules.count, "rule")); \(cases.count - failures.count) of \(Counted.phrase(cases.count, "rule test")) pass"
        )
        if !failures.isEmpty { throw ExitStatus.failures }
    }
}

/// `feedwatch rules variants @ID`: what an entity's names will catch.
struct RulesVariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants", abstract: "Print the variants generated for an entity's names.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The entity, as @id or id.")
    var entity: String

    func run() throws {
        let ruleSet = try RulesLoading.load(options, checkSinks: false)
        let id = entity.hasPrefix("@") ? String(entity.dropFirst()) : entity
        guard let variants = ruleSet.variants(ofEntity: id) else {
            let known = ruleSet.entities.map(\.id)
            printError(
                "rules: no entity has the id \(id); the entities are \(known.joined(separator: ", "))"
            )
            throw ExitStatus.usage
        }
        for variant in variants { print(variant) }
    }
}
