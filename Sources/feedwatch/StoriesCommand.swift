import AlertLog
import AlertReview
import ArgumentParser
import Foundation

/// `feedwatch stories [list|show]`: the stories reports were grouped into,
/// with every report, raised or folded.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories", abstract: "Review the stories: reports of one incident.",
        subcommands: [StoriesListCommand.self, StoriesShowCommand.self],
        defaultSubcommand: StoriesListCommand.self)
}

/// The review of stories over the configured log and state: needs
/// `[monitor]`'s paths only, never the rules; exits when no monitor has made
/// a state yet.
func openStoryReview(_ common: CommonOptions, entity: String? = nil) throws -> StoryReview {
    let configuration = try loadConfiguration(common, needing: .alertLog, command: "stories")
    let settings = configuration.settings
    do {
        guard let state = try StateOpening.forReview(settings.state) else {
            printError(
                "feedwatch: stories: no state at \(settings.state) yet: run feedwatch poll")
            throw ExitStatus.failures
        }
        let search = try AlertSearch(
            logPath: settings.alertLogPath, index: state, stories: state, annotations: state)
        if let entity {
            try AlertFilterOptions.checkKnown(
                [("--entity", entity, .entity)], in: search,
                feeds: configuredFeedNames(configuration), command: "stories")
        }
        return StoryReview(search: search, stories: state)
    } catch let status as ExitCode {
        throw status
    } catch {
        printError("\(error)")
        throw ExitStatus.failures
    }
}

/// Stories as JSON: one object per line, keys sorted, dates RFC 3339 UTC.
func storyJSON(_ story: StoryView) throws -> String {
    let encoder = AlertLogFormat.makeEncoder()
    return String(decoding: try encoder.encode(story), as: UTF8.self)
}

struct StoriesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "One line per story, the most recently reported first (the default).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var zone: DisplayZoneOption

    @Option(
        help:
            "Only stories with a report at or after this time: 24h, 7d, today, or an ISO 8601 date or time."
    )
    var since: String?

    @Option(help: "Only stories naming this entity id (or @id).", completion: IDCompletion.entities)
    var entity: String?

    @Flag(help: "One JSON object per story per line, with its reports.")
    var json = false

    func validate() throws {
        if let since, TimeExpression.interval(since, zone: zone.zone) == nil {
            throw ValidationError(
                "--since \(since): not a time I can read. Write \(TimeExpression.acceptedForms)")
        }
    }

    func run() throws {
        let entityID = entity.map(AlertFilterOptions.entityID)
        let review = try openStoryReview(common, entity: entityID)
        let stories = try review.list(
            since: since.flatMap { TimeExpression.start($0, zone: zone.zone) }, entity: entityID)
        for story in stories {
            print(json ? try storyJSON(story) : StoryText.line(story, time: zone.time))
        }
    }
}

struct StoriesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One story with every report: feed, title, link, published, rules, alert.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var zone: DisplayZoneOption

    @Argument(help: "The story id (or a unique start of it).")
    var id: String

    @Flag(help: "The story as one JSON object.")
    var json = false

    func run() throws {
        let found = try openStoryReview(common).story(startingWith: id)
        if found.ambiguous {
            printError("feedwatch: stories: \(id) is the start of several ids; give more of it")
            throw ExitStatus.usage
        }
        guard let story = found.story else {
            printError("feedwatch: stories: no story with id \(id)")
            throw ExitStatus.failures
        }
        print(json ? try storyJSON(story) : StoryText.details(story, time: zone.time))
    }
}
