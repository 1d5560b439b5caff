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
    /// feeds.conf when it exists and reads; nil otherwise (said on stderr when
    /// it exists but does not read: what it would have checked is not checked).
    static func configuration(_ options: CommonOptions) -> ConfigurationFile? {
        guard FileManager.default.fileExists(atPath: options.config) else { return nil }
        do {
            return try ConfigurationFile.load(path: options.config)
        } catch {
            printError(
                "rules: sink and feed names not checked, \(options.config) could not be read: \(error)"
            )
            return nil
        }
    }

    /// The feeds of feeds.conf (disabled ones too) as rules see them.
    static func feeds(of configuration: ConfigurationFile) -> [FeedContext] {
        (configuration.feeds + configuration.disabledFeeds).map {
            FeedContext(name: $0.name, tags: $0.tags)
        }
    }

    /// The rule set of `--rules`, or the errors on stderr and exit status 65;
    /// with `checkSinks`, `notify` names are checked against feeds.conf.
    static func load(_ options: CommonOptions, checkSinks: Bool = true) throws -> RuleSet {
        try load(options, sinksOf: checkSinks ? configuration(options) : nil)
    }

    /// The rule set of `--rules`, its `notify` names checked against the sinks
    /// of `configuration` when given.
    static func load(_ options: CommonOptions, sinksOf configuration: ConfigurationFile?) throws
        -> RuleSet
    {
        do {
            return try RuleSet.load(
                directory: options.rulesDirectory,
                knownSinks: configuration.map { Set($0.sinks.map(\.name)) })
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

/// `feedwatch rules check`: validate the folder, warn of likely mistakes, then
/// run its rule tests.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the rules folder and run the rule tests in its tests/ folder.",
        discussion: """
            Warns of likely mistakes (lowercase operators, rules that can never fire, \
            feed filters no feed passes, short aliases, broad wildcards, unused entities). \
            Exits 65 when the rules have errors (or, with --strict, warnings), 1 when a \
            rule test fails, 0 otherwise.
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Treat warnings as errors (exit 65).")
    var strict = false

    func run() throws {
        let configuration = RulesLoading.configuration(options)
        let ruleSet = try RulesLoading.load(options, sinksOf: configuration)
        let colors = isatty(STDERR_FILENO) != 0
        // The folder just loaded: reading it again cannot fail but for a race.
        let warnings =
            (try? RuleSet.warnings(
                directory: options.rulesDirectory,
                feeds: configuration.map(RulesLoading.feeds(of:)))) ?? []
        for warning in warnings { printError(warning.rendered(colors: colors)) }
        let testsDirectory = options.rulesDirectory.appendingPathComponent("tests")
        let cases: [RuleTestCase]
        do {
            cases = try RuleTestFiles.load(directory: testsDirectory)
        } catch {
            printError(error.rendered(colors: colors))
            throw ExitStatus.badInput
        }
        let failures = RuleTestRunner.run(cases, against: ruleSet)
        for failure in failures { printError(failure.description) }
        let warningNote =
            warnings.isEmpty ? "" : "; \(Counted.phrase(warnings.count, "warning"))"
        // The verb agrees with the tests that pass: "1 of 3 rule tests passes".
        let passed = cases.count - failures.count
        print(
            "\(options.rules): \(Counted.phrase(ruleSet.entityCount, "entity")), \(Counted.phrase(ruleSet.lists.count, "list")), "
                + "\(Counted.phrase(ruleSet.rules.count, "rule")); \(passed) of \(Counted.phrase(cases.count, "rule test")) \(passed == 1 ? "passes" : "pass")"
                + warningNote
        )
        if strict && !warnings.isEmpty {
            printError(
                "rules: --strict: the warnings above are errors; the rules folder \(options.rules) is refused"
            )
            throw ExitStatus.badInput
        }
        if !failures.isEmpty { throw ExitStatus.failures }
    }
}

/// `feedwatch rules variants @ID`: every spelling an entity's names will catch, and why.
struct RulesVariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Print every spelling an entity catches, with where each comes from.",
        discussion: """
            Spellings are grouped by the name or alias they come from and by how: as \
            written, without apostrophes, acronym forms, particles joined and split, \
            spelling classes (built-in or `equivalent` lines), wildcards. A group of more \
            than \(RulesVariantsCommand.listedInFull) is summarised with its first \
            \(RulesVariantsCommand.shownOfSummary); --all lists every one.
            """)

    /// Groups up to this size are listed; larger ones summarised.
    static let listedInFull = 8
    static let shownOfSummary = 5

    @OptionGroup var options: CommonOptions

    @Argument(help: "The entity, as @id or id.")
    var entity: String

    @Flag(help: "Print only the number of spellings.")
    var count = false

    @Flag(help: "List every spelling, however many.")
    var all = false

    func run() throws {
        let ruleSet = try RulesLoading.load(options, checkSinks: false)
        let id = entity.hasPrefix("@") ? String(entity.dropFirst()) : entity
        guard let spellings = ruleSet.spellings(ofEntity: id) else {
            let known = ruleSet.entities.map(\.id)
            printError(
                "rules: no entity has the id \(id); the entities are \(known.joined(separator: ", "))"
            )
            throw ExitStatus.usage
        }
        if count {
            print(spellings.count)
            return
        }
        print(
            "@\(spellings.id) \"\(spellings.name)\": \(Counted.phrase(spellings.count, "spelling"))"
        )
        // One column for the sources, unless a spelling is very long.
        let width = min(40, spellings.groups.flatMap(\.forms).map(\.count).max() ?? 0)
        var alias: String?
        for group in spellings.groups {
            if group.alias != alias {
                alias = group.alias
                print("\(group.isName ? "name" : "alias") \"\(group.alias)\"")
            }
            let how =
                group.source.isEmpty
                ? group.kind.rawValue : "\(group.kind.rawValue): \(group.source)"
            if all || group.forms.count <= Self.listedInFull {
                for form in group.forms {
                    let padding = String(repeating: " ", count: max(0, width - form.count))
                    print("  \(form)\(padding)  \(how)")
                }
            } else {
                let first = group.forms.prefix(Self.shownOfSummary).joined(separator: ", ")
                print(
                    "  \(group.forms.count) forms (\(how)), first \(Self.shownOfSummary): \(first); --all to list"
                )
            }
        }
    }
}
