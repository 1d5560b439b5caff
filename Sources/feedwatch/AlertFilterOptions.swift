import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Store

/// The filters every review command shares, and the display zone they read
/// dates in.
struct AlertFilterOptions: ParsableArguments {
    @OptionGroup var zone: DisplayZoneOption

    @Option(help: "Only alerts at or after this time: 24h, 7d, today, or an ISO 8601 date or time.")
    var since: String?

    @Option(help: "Only alerts up to the end of this time (a whole day for a date): as --since.")
    var until: String?

    @Option(help: "Only alerts of this rule id.", completion: IDCompletion.rules)
    var rule: String?

    @Option(help: "Only alerts naming this entity id (or @id).", completion: IDCompletion.entities)
    var entity: String?

    @Option(help: "Only this severity (high), or this and above (high+).")
    var severity: String?

    @Option(help: "Only alerts from this feed.", completion: IDCompletion.feeds)
    var feed: String?

    @Option(help: "Only alerts of this story id.")
    var story: String?

    @Option(help: "Only alerts whose title, snippet or matched text contains this (any case).")
    var grep: String?

    @Option(
        name: .customLong("not-rule"), help: "Leave out alerts of this rule (repeatable).",
        completion: IDCompletion.rules)
    var notRules: [String] = []

    @Option(
        name: .customLong("not-feed"), help: "Leave out alerts from this feed (repeatable).",
        completion: IDCompletion.feeds)
    var notFeeds: [String] = []

    @Option(
        name: .customLong("not-entity"),
        help: "Leave out alerts naming this entity (repeatable; @id too).",
        completion: IDCompletion.entities)
    var notEntities: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only records of this kind: alert, escalation, feed-health or report (a folded report); repeatable or comma-separated.",
            valueName: "kind"))
    var kind: [String] = []

    @Flag(help: "Also the reports folded into stories their rule had already alerted on.")
    var folded = false

    @Flag(help: "Only alerts acknowledged with alerts ack.")
    var acked = false

    @Flag(help: "Only alerts not acknowledged.")
    var unacked = false

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, TimeExpression.interval(value, zone: zone.zone) == nil {
                throw ValidationError(
                    "\(name) \(value): not a time I can read. Write \(TimeExpression.acceptedForms)"
                )
            }
        }
        if let severity, SeverityFilter(severity) == nil {
            throw ValidationError(
                "--severity \(severity): write info, low, medium, high or critical, with + for 'and above'"
            )
        }
        for name in kinds where AlertKind(rawValue: name) == nil {
            throw ValidationError(
                "--kind \(name): write \(AlertKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if acked && unacked { throw ValidationError("choose one of --acked and --unacked") }
    }

    /// The kinds asked for, `--kind a,b` and `--kind a --kind b` alike.
    private var kinds: [String] {
        kind.flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    /// An entity id as written, `@` or not.
    static func entityID(_ text: String) -> String {
        text.hasPrefix("@") ? String(text.dropFirst()) : text
    }

    var filter: AlertFilter {
        let now = Date()
        var filter = AlertFilter(
            since: since.flatMap { TimeExpression.start($0, now: now, zone: zone.zone) },
            until: until.flatMap { TimeExpression.end($0, now: now, zone: zone.zone) },
            rule: rule, entity: entity.map(Self.entityID),
            severity: severity.flatMap(SeverityFilter.init), feed: feed, story: story, grep: grep)
        filter.folded = folded
        filter.kinds = kinds.compactMap(AlertKind.init(rawValue:))
        filter.excludedRules = notRules
        filter.excludedFeeds = notFeeds
        filter.excludedEntities = notEntities.map(Self.entityID)
        filter.acknowledged = acked ? true : unacked ? false : nil
        return filter
    }

    /// The values that must name something known, with the option each came from.
    var namedValues: [(option: String, value: String, field: AlertIndexField)] {
        var named: [(option: String, value: String, field: AlertIndexField)] = []
        if let rule { named.append(("--rule", rule, .rule)) }
        if let feed { named.append(("--feed", feed, .feed)) }
        if let entity { named.append(("--entity", Self.entityID(entity), .entity)) }
        if let story { named.append(("--story", story, .story)) }
        named += notRules.map { (option: "--not-rule", value: $0, field: .rule) }
        named += notFeeds.map { (option: "--not-feed", value: $0, field: .feed) }
        named += notEntities.map {
            (option: "--not-entity", value: Self.entityID($0), field: .entity)
        }
        return named
    }

    /// Refuses (exit 64) a rule, feed, entity or story that no alert names
    /// and, for a feed, that feeds.conf does not list either: a typo must not
    /// answer with nothing. Says the nearest known value.
    func checkKnownValues(in review: AlertSearch, feeds: [String], command: String = "alerts")
        throws
    {
        try Self.checkKnown(namedValues, in: review, feeds: feeds, command: command)
    }

    /// Refuses the first of `named` that is unknown (see `checkKnownValues`).
    static func checkKnown(
        _ named: [(option: String, value: String, field: AlertIndexField)], in review: AlertSearch,
        feeds: [String], command: String
    ) throws {
        for (option, value, field) in named {
            if field == .feed && feeds.contains(value) { continue }
            if try review.knows(value, in: field) { continue }
            var known = try review.values(of: field)
            if field == .feed { known = Array(Set(known + feeds)).sorted() }
            let what: String =
                switch field {
                case .rule: "no alert was raised by rule \(value)"
                case .feed: "no feed \(value) in feeds.conf or the alerts"
                case .entity: "no alert names entity \(value)"
                case .story: "no alert belongs to story \(value)"
                }
            var message = "feedwatch: \(command): \(option) \(value): \(what)"
            // A near spelling, else a value that holds this one (`@prigozhin`
            // for `prigozhin-yevgeny`).
            let suggestion =
                SpellingSuggestion.closest(to: value, among: known)
                ?? known.first { $0.localizedCaseInsensitiveContains(value) }
            if let suggestion {
                message += "; did you mean \(suggestion)?"
            } else if !known.isEmpty && known.count <= 12 {
                message += " (known: \(known.joined(separator: ", ")))"
            }
            printError(message)
            throw ExitStatus.usage
        }
    }
}
