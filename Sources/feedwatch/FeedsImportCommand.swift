import ArgumentParser
import Configuration
import FeedParser
import Foundation

/// `feedwatch feeds import FILE.opml`: the feeds of another reader's export,
/// appended to feeds.conf.
struct FeedsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML subscription list to feeds.conf.",
        discussion: """
            Each feed becomes a [feed NAME] section at the end of feeds.conf, which is otherwise \
            left exactly as it was. NAME is made from the feed's title (unique, letters, digits \
            and '-'); the folders it sits in become its tags. A feed whose URL feeds.conf already \
            has (http and https, 'www.' and a trailing '/' aside) is skipped and reported. \
            Exit status: 0 when the list was read, 65 when it is not OPML or is broken.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The OPML file another feed reader exported.")
    var file: String

    @Flag(help: "Show what would be added, without changing feeds.conf.")
    var dryRun = false

    func run() throws {
        let feeds: [OPMLFeed]
        do {
            feeds = try OPMLReader.read(Data(contentsOf: URL(fileURLWithPath: file)))
        } catch let error as OPMLError {
            printError("feedwatch feeds import: \(file): \(error)")
            throw ExitStatus.badInput
        } catch {
            printError(
                "feedwatch feeds import: \(file): cannot read the file: \(error.localizedDescription)"
            )
            throw ExitStatus.badInput
        }
        let existing = try readConfiguration(common).configuration(needing: ConfigurationNeeds())
        var plan = FeedAdditionPlan(existing: existing)
        for feed in feeds {
            plan.add(
                url: feed.feedURL, title: feed.title,
                tags: feed.folders.compactMap(FeedNaming.tag(for:)))
        }
        if !dryRun {
            do {
                try FeedsFileAppending.append(
                    plan.sections(
                        comment: "imported from \(URL(fileURLWithPath: file).lastPathComponent)"),
                    to: common.config)
            } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
        }
        for section in plan.added {
            let tags =
                section.tags.isEmpty ? "" : " (tags: \(section.tags.joined(separator: ", ")))"
            print("\(dryRun ? "would add" : "added") [feed \(section.name)] \(section.url)\(tags)")
        }
        for skipped in plan.skipped { print("skipped \(skipped)") }
        let feedsWord = plan.added.count == 1 ? "feed" : "feeds"
        print(
            "\(plan.added.count) \(feedsWord) \(dryRun ? "would be added" : "added") to \(common.config), \(plan.skipped.count) skipped"
        )
    }
}
