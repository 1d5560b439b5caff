import ArgumentParser
import Configuration
import FeedFetcher
import FeedModel
import FeedParser
import Foundation
import Monitor

/// `feedwatch feeds add URL`: a feed, or the feed a web page announces,
/// appended to feeds.conf.
struct FeedsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a feed to feeds.conf, given its URL or a web page that announces it.",
        discussion: """
            A web page is asked for the feeds it announces (<link rel="alternate">); when it \
            announces none, \(AnnouncedFeeds.commonPaths.joined(separator: ", ")) are tried on \
            its host. When several are found, you are asked which on a terminal; otherwise they \
            are listed and the command exits 64: run it again with --first or with the URL you \
            choose. The section is appended to feeds.conf, which is otherwise left as it was. \
            Exit status: 0 when the feed was added, 1 when no feed was found there or feeds.conf \
            already has it, 64 for a usage error or a choice to make.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The feed's URL, or a web page's.")
    var url: String

    @Option(help: "The feed's name in feeds.conf (default: made from its title).")
    var name: String?

    @Option(help: "Tags, comma-separated.")
    var tags: String?

    @Flag(help: "When a page announces several feeds, take the first.")
    var first = false

    func validate() throws {
        if let name,
            name.isEmpty
                || !name.allSatisfy({
                    $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0))
                })
        {
            throw ValidationError(
                "--name '\(name)': a feed name may hold only letters, digits, '-', '_' and '.'")
        }
        guard let address = URL(string: url), ["http", "https"].contains(address.scheme ?? "")
        else {
            throw ValidationError("'\(url)' is not an http(s) URL")
        }
    }

    func run() throws {
        let existing = try readConfiguration(common).configuration(needing: ConfigurationNeeds())
        var plan = FeedAdditionPlan(existing: existing)
        if let name, !plan.isFree(name) {
            printError(
                "feedwatch feeds add: --name \(name): \(common.config) already has [feed \(name)]")
            throw ExitStatus.usage
        }
        // safe: validate() checked that it parses.
        guard let address = URL(string: url) else { throw ExitStatus.usage }
        let discovery = FeedDiscovery(
            fetcher: FeedFetcher(
                options: FetchOptions(
                    timeout: existing.settings.timeout, maxSize: existing.settings.maxSize,
                    userAgent: FeedwatchVersion.userAgent)))
        let chosen: FeedDiscovery.Found
        do {
            let found = try discovery.discover(address)
            var pick = try choose(among: found, page: address)
            if pick.source == .announced {
                // The page's word is not proof: the feed is read before it is added.
                pick.title = try discovery.read(pick.url).title ?? pick.title
            }
            chosen = pick
        } catch let failure as FeedDiscovery.Failure {
            printError("feedwatch feeds add: \(failure)")
            throw ExitStatus.failures
        }
        if let configured = plan.configuredName(of: chosen.url) {
            printError(
                "feedwatch feeds add: \(ShownURL.text(chosen.url)): \(common.config) already has it, as [feed \(configured)]"
            )
            throw ExitStatus.failures
        }
        let tagList = (tags ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard
            let section = plan.add(
                url: chosen.url.absoluteString, title: chosen.title, tags: tagList, name: name)
        else {
            printError("feedwatch feeds add: \(plan.skipped.joined(separator: "; "))")
            throw ExitStatus.failures
        }
        do {
            try FeedsFileAppending.append(
                plan.sections(comment: "added by feeds add from \(ShownURL.text(address))"),
                to: common.config)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let how =
            switch chosen.source {
            case .given: ""
            case .announced: ", announced by the page"
            case .commonPath: ", found at a common path"
            }
        print(
            "added [feed \(section.name)] \(ShownURL.text(chosen.url)) to \(common.config)\(how)")
    }

    /// The feed to add: the only one; the first with `--first`; the one a
    /// person picks on a terminal; otherwise none (the list, exit 64).
    private func choose(among found: [FeedDiscovery.Found], page: URL) throws
        -> FeedDiscovery.Found
    {
        guard found.count > 1, !first else {
            // safe: discovery returns at least one feed or throws.
            guard let only = found.first else { throw ExitStatus.failures }
            return only
        }
        let lines = found.enumerated().map { index, feed in
            "  \(index + 1). \(ShownURL.text(feed.url))\(feed.title.map { "  (\($0))" } ?? "")"
        }
        if isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 {
            printError("\(ShownURL.text(page)) offers \(found.count) feeds:")
            for line in lines { printError(line) }
            while true {
                FileHandle.standardError.write(Data("Which one? [1-\(found.count)] ".utf8))
                guard let answer = readLine() else { throw ExitStatus.usage }
                if let number = Int(answer.trimmingCharacters(in: .whitespaces)),
                    found.indices.contains(number - 1)
                {
                    return found[number - 1]
                }
            }
        }
        printError("feedwatch feeds add: \(ShownURL.text(page)) offers \(found.count) feeds:")
        for line in lines { printError(line) }
        printError(
            "hint: add one with `feedwatch feeds add URL` using its URL above, or run again with --first to take the first"
        )
        throw ExitStatus.usage
    }
}
