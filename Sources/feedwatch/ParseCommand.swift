import ArgumentParser
import Configuration
import FeedFetcher
import FeedModel
import FeedParser
import Foundation
import Monitor

/// `feedwatch parse FILE|URL|-`: parses feeds and prints them, one JSON
/// object per line (`--json`), a summary a person can read (`--text`), or
/// only totals (`--stats`). A feed that fails is reported on standard error
/// and the others are still parsed and printed.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds and print them as JSON.",
        discussion: """
            Inputs are files, http(s) and file: URLs, or - for standard input. URLs are \
            fetched as the monitor fetches them (redirects, compression, the size cap), \
            and the charset of the server's Content-Type is honoured. A feed the parser \
            had to repair is printed with its warnings. Exit status: 0 when every input \
            parsed, 1 when any could not be read or parsed.
            """)

    @Argument(help: "Feed files, http(s) or file: URLs, or - for standard input.")
    var inputs: [String]

    @Flag(name: .long, help: "Print each feed as one line of JSON (the default).")
    var json = false

    @Flag(name: .long, help: "Print a readable summary of each feed.")
    var text = false

    @Flag(name: .long, help: "Print only one line of totals.")
    var stats = false

    @Option(
        name: .long,
        help:
            "The Content-Type to assume, over the server's (its charset overrides the document's)."
    )
    var contentType: String?

    @Option(name: .long, help: "Seconds a URL may take to download.")
    var timeout: Double = FetchOptions().timeout

    @Option(name: .long, help: "The largest document read, e.g. 512KB or 10MB.")
    var maxSize = "10MB"

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one FILE, URL or -") }
        if json && text { throw ValidationError("--json and --text exclude each other") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("- may be given once") }
        if !(timeout > 0) {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
        if (ByteSizeParser.parse(maxSize) ?? 0) <= 0 {
            throw ValidationError("--max-size must be a size such as 512KB or 10MB")
        }
    }

    func run() throws {
        let started = Date()
        var totals = ParseTotals()
        let options = FetchOptions(
            timeout: timeout,
            maxSize: ByteSizeParser.parse(maxSize) ?? FetchOptions().transfer.maxSize,
            userAgent: FeedwatchVersion.userAgent)
        FeedInputReader(options: options).read(inputs) { input, result in
            switch result {
            case .failure(let error):
                printError("feedwatch parse: \(error)")
                totals.errors += 1
            case .success(let document):
                totals.bytes += document.data.count
                do {
                    let feed = try FeedParser.parse(
                        document.data, contentType: contentType ?? document.contentType,
                        baseURL: document.baseURL)
                    totals.add(feed)
                    if stats { return }
                    print(text ? ParseSummary.text(of: feed, input: input) : FeedJSON.encode(feed))
                } catch {
                    printError("feedwatch parse: \(input): \(error)\(Self.pageHint(document))")
                    totals.errors += 1
                }
            }
        }
        if stats {
            print(totals.line(seconds: Date().timeIntervalSince(started)))
        }
        if totals.errors > 0 { throw ExitStatus.failures }
    }
}

extension ParseCommand {
    /// For a web page that is not a feed: the feeds it announces, so that the
    /// user learns where the feed is rather than only that this is not one.
    static func pageHint(_ document: FeedDocument) -> String {
        guard AnnouncedFeeds.looksLikeHTML(document.data) else { return "" }
        let page = document.baseURL ?? URL(fileURLWithPath: document.input)
        let links = AnnouncedFeeds.find(
            in: document.data, contentType: document.contentType, pageURL: page)
        let hint = AnnouncedFeedsText.hint(links)
        return links.isEmpty ? hint : hint + "; `feedwatch feeds add` adds one"
    }
}

/// What `feedwatch parse --stats` counts.
struct ParseTotals {
    var feeds = 0
    var items = 0
    var bytes = 0
    var warnings = 0
    var errors = 0

    mutating func add(_ feed: Feed) {
        feeds += 1
        items += feed.items.count
        warnings += feed.warnings.count
    }

    func line(seconds: TimeInterval) -> String {
        "feeds \(feeds), items \(items), bytes \(bytes), warnings \(warnings), errors \(errors), "
            + "seconds \(String(format: "%.3f", seconds))"
    }
}
