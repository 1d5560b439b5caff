import ArgumentParser
import Configuration
import FeedParser
import Foundation

/// `feedwatch feeds export --opml`: the feeds as another reader imports them.
struct FeedsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the feeds as an OPML 2.0 subscription list.",
        discussion: """
            Each enabled http(s) feed is an outline, titled with its name, inside one folder \
            per tag. Nothing but names, tags and URLs is written: no header, login or other \
            setting of a feed, and no user and password written into a URL.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Write OPML 2.0 (the one format there is, and required).")
    var opml = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if !opml { throw ValidationError("say the format: feeds export --opml") }
    }

    func run() throws {
        let configuration = try loadConfiguration(
            common, needing: ConfigurationNeeds(feeds: true), command: "feeds export")
        var entries: [OPMLWriter.Entry] = []
        for feed in configuration.feeds {
            guard ["http", "https"].contains(feed.url.scheme?.lowercased() ?? "") else {
                printError(
                    "feedwatch feeds export: [feed \(feed.name)] (\(common.config):\(feed.line)) left out: a \(feed.url.scheme ?? "") URL means nothing to another reader"
                )
                continue
            }
            var address = URLComponents(url: feed.url, resolvingAgainstBaseURL: true)
            if address?.user != nil || address?.password != nil {
                address?.user = nil
                address?.password = nil
                printError(
                    "feedwatch feeds export: [feed \(feed.name)] (\(common.config):\(feed.line)): the login in its URL is left out; give it to the other reader yourself"
                )
            }
            entries.append(
                OPMLWriter.Entry(
                    title: feed.name, feedURL: address?.string ?? feed.url.absoluteString,
                    folders: feed.tags))
        }
        let document = OPMLWriter.document(title: "feedwatch feeds", entries: entries)
        guard let output else {
            print(document, terminator: "")
            return
        }
        do {
            try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError(
                "feedwatch feeds export: \(output): cannot write: \(error.localizedDescription)")
            throw ExitStatus.failures
        }
    }
}
