import ArgumentParser
import FeedFetcher
import FeedModel
import FeedParser
import Foundation
import RuleEngine

/// `feedwatch rules test FILE|URL|-`: which rules fire on each item, and why.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rules on a feed, or on plain text, and show what fires and why.",
        discussion: """
            Reads a feed file, a feed URL, or standard input (-). Standard input that is \
            not a feed is one plain-text item with id `stdin`; with --plain, the input is \
            one plain-text item whose id is `stdin` or the file's path. The first line of \
            plain text is the title, the rest the content.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "A feed file, a feed URL, or - for standard input.")
    var input: String

    @Flag(help: "Read the input as plain text rather than as a feed.")
    var plain = false

    @Flag(help: "Print one JSON object per item (JSON Lines).")
    var json = false

    @Option(
        help:
            "The feed name rules see (for `feeds NAME`); its tags come from feeds.conf (default: test)."
    )
    var feed: String?

    @Option(
        help: "Comma-separated feed tags rules see (for `feeds tag:…`); overrides feeds.conf's.")
    var tags: String?

    @Flag(help: "Also show the rules that came close and why they did not fire.")
    var explain = false

    func run() throws {
        let ruleSet = try RulesLoading.load(options, checkSinks: false)
        let items = try readItems()
        let context = feedContext()
        let colors = !json && isatty(STDOUT_FILENO) != 0
        for (index, item) in items.enumerated() {
            let hits = ruleSet.evaluate(item, feed: context)
            let nearMisses = explain ? ruleSet.nearMisses(item, feed: context) : nil
            if json {
                print(RulesTestOutput.jsonLine(item, hits: hits, nearMisses: nearMisses))
            } else {
                print(
                    RulesTestOutput.report(
                        item, number: index + 1, hits: hits, nearMisses: nearMisses, colors: colors)
                )
            }
        }
    }

    /// The feed the rules see: `--feed` (default `test`) with `--tags`, or else
    /// the tags feeds.conf gives that feed.
    private func feedContext() -> FeedContext {
        let name = feed ?? "test"
        if let tags {
            return FeedContext(
                name: name,
                tags: tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        guard let feed else { return FeedContext(name: name) }
        guard let configuration = RulesLoading.configuration(options) else {
            printError(
                "rules test: \(options.config) not found; the feed \(feed) has no tags (give them with --tags)"
            )
            return FeedContext(name: name)
        }
        guard let known = RulesLoading.feeds(of: configuration).first(where: { $0.name == feed })
        else {
            printError(
                "rules test: \(options.config) has no feed \(feed); it has no tags (give them with --tags)"
            )
            return FeedContext(name: name)
        }
        return known
    }

    private func readItems() throws -> [Item] {
        let isStandardInput = input == "-"
        let reader = FeedInputReader(options: FetchOptions(userAgent: FeedwatchVersion.userAgent))
        let document: FeedDocument
        switch reader.read(input) {
        case .success(let read): document = read
        case .failure(let error):
            printError("\(error)")
            throw ExitStatus.failures
        }
        if plain { return [Self.plainItem(document.data, id: isStandardInput ? "stdin" : input)] }
        do {
            return try FeedParser.parse(
                document.data, contentType: document.contentType, baseURL: document.baseURL
            ).items
        } catch {
            if isStandardInput { return [Self.plainItem(document.data, id: "stdin")] }
            printError("\(error)\n(use --plain to read \(input) as plain text)")
            throw ExitStatus.failures
        }
    }

    /// Plain text as one item (`id`: `stdin`, or the file's path): the first line
    /// is the title, the rest the content.
    static func plainItem(_ data: Data, id: String) -> Item {
        let text = String(decoding: data, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = trimmed.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let title = lines.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let content =
            lines.count > 1 ? String(lines[1]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return Item(
            id: id, title: title, content: content.isEmpty ? nil : content,
            text: ItemText(title: title, summary: "", content: content))
    }
}
