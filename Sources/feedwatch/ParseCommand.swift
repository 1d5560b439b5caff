import ArgumentParser
import FeedModel
import FeedParser
import Foundation

/// `feedwatch parse FILE|URL|-`: parses feeds and prints them, one JSON
/// object per line (`--json`), a summary a person can read (`--text`), or
/// only totals (`--stats`). A feed that fails is reported on standard error
/// and the others are still parsed.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feeds and print them as JSON.",
        discussion: """
            Inputs are files, file:// URLs, or - for standard input. Fetching http(s) \
            addresses lands with the fetcher.
            """)

    @Argument(help: "Feed files, file:// URLs, or - for standard input.")
    var inputs: [String]

    @Flag(name: .long, help: "Print each feed as one line of JSON (the default).")
    var json = false

    @Flag(name: .long, help: "Print a readable summary of each feed.")
    var text = false

    @Flag(name: .long, help: "Print only one line of totals.")
    var stats = false

    @Option(name: .long, help: "The Content-Type to assume (its charset overrides the document's).")
    var contentType: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one FILE, file:// URL or -") }
        if json && text { throw ValidationError("--json and --text exclude each other") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("- may be given once") }
    }

    func run() throws {
        let started = Date()
        var feeds = 0
        var items = 0
        var bytes = 0
        var warnings = 0
        var errors = 0
        for input in inputs {
            let data: Data
            do {
                data = try read(input)
            } catch {
                printError("feedwatch parse: \(input): \(error.message)")
                errors += 1
                continue
            }
            bytes += data.count
            do {
                let feed = try FeedParser.parse(data, contentType: contentType)
                feeds += 1
                items += feed.items.count
                warnings += feed.warnings.count
                if stats { continue }
                if text {
                    print(ParseSummary.text(of: feed, input: input))
                } else {
                    print(FeedJSON.encode(feed))
                }
            } catch {
                printError("feedwatch parse: \(input): \(error)")
                errors += 1
            }
        }
        if stats {
            let seconds = String(format: "%.3f", Date().timeIntervalSince(started))
            print(
                "feeds \(feeds), items \(items), bytes \(bytes), warnings \(warnings), errors \(errors), seconds \(seconds)"
            )
        }
        if errors > 0 { throw ExitStatus.failures }
    }

    private struct InputError: Error {
        var message: String
    }

    private func read(_ input: String) throws(InputError) -> Data {
        if input == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        let lowered = input.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            throw InputError(
                message:
                    "cannot fetch URLs yet; save the feed to a file (fetching lands with the fetcher)"
            )
        }
        var path = input
        if lowered.hasPrefix("file://") {
            guard let url = URL(string: input), url.isFileURL else {
                throw InputError(message: "not a usable file:// URL")
            }
            path = url.path
        } else if let scheme = input.firstRange(of: "://") {
            throw InputError(message: "unsupported scheme \(input[..<scheme.lowerBound])")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw InputError(message: "is a directory, not a feed file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(message: "cannot read the file (permissions?)")
        }
        return data
    }
}

/// The `--text` rendering of a parsed feed.
enum ParseSummary {
    static func text(of feed: Feed, input: String) -> String {
        var lines = [
            "\(input): \(feed.format.rawValue) \"\(feed.title ?? "(untitled)")\" \(feed.link ?? "")"
        ]
        if let description = feed.description, !description.isEmpty {
            lines.append("  " + HTMLText.plainText(description).prefix(200))
        }
        for warning in feed.warnings { lines.append("  warning: \(warning)") }
        lines.append("  \(feed.items.count) item(s)")
        for item in feed.items {
            let date = (item.published ?? item.updated).map(FeedJSON.isoString) ?? "no date"
            lines.append("  - \(date)  \(item.title ?? "(untitled)")")
            if let link = item.link { lines.append("      \(link)") }
        }
        return lines.joined(separator: "\n")
    }
}
