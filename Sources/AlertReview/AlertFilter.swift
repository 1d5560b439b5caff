import AlertLog
import Foundation
import RuleEngine
import Store

/// The filters of `feedwatch alerts`; every set filter must hold.
public struct AlertFilter: Sendable, Equatable {
    /// Alerts at or after this instant.
    public var since: Date?
    /// Alerts before this instant (`--until` gives the end of the span it names).
    public var until: Date?
    public var rule: String?
    public var entity: String?
    /// At least this severity (`--severity high+`), or exactly it (`--severity high`).
    public var severity: SeverityFilter?
    public var feed: String?
    public var story: String?
    /// Case-insensitive text in the title, snippet or matched text.
    public var grep: String?
    /// The start of the alert id.
    public var idPrefix: String?
    /// Also the firings folded into stories (records of kind `report`), which
    /// were raised to no one: `alerts` lists only what was raised unless asked.
    public var folded = false
    /// Records of these kinds only (empty: alerts, escalations and
    /// feed-health alerts, and the folded reports with `folded`).
    public var kinds: [AlertKind] = []
    public var excludedRules: [String] = []
    public var excludedFeeds: [String] = []
    public var excludedEntities: [String] = []
    /// Only acknowledged alerts (true), or only those not (false).
    public var acknowledged: Bool?

    public init(
        since: Date? = nil, until: Date? = nil, rule: String? = nil, entity: String? = nil,
        severity: SeverityFilter? = nil, feed: String? = nil, story: String? = nil,
        grep: String? = nil
    ) {
        self.since = since
        self.until = until
        self.rule = rule
        self.entity = entity
        self.severity = severity
        self.feed = feed
        self.story = story
        self.grep = grep
    }

    /// The same filter for the store's alert index.
    public func indexFilter(limit: Int?) -> AlertIndexFilter {
        let rank = severity.map { Severity.allCases.firstIndex(of: $0.severity) ?? 0 }
        var filter = AlertIndexFilter(
            since: since, until: until, rule: rule,
            minimumSeverityRank: severity?.orAbove == true ? rank : nil,
            severityRank: severity?.orAbove == false ? rank : nil, feed: feed, story: story,
            entity: entity, text: grep, idPrefix: idPrefix,
            excludedKind: folded || !kinds.isEmpty ? nil : AlertKind.report.rawValue,
            limit: limit)
        filter.kinds = kinds.map(\.rawValue)
        filter.excludedRules = excludedRules
        filter.excludedFeeds = excludedFeeds
        filter.excludedEntities = excludedEntities
        filter.acknowledged = acknowledged
        return filter
    }

    /// Whether `alert` passes; `acknowledged` holds the ids of the
    /// acknowledged alerts, for the `acknowledged` filter.
    public func accepts(_ alert: Alert, acknowledged acknowledgedIDs: Set<String> = []) -> Bool {
        if kinds.isEmpty {
            if !folded && !alert.kind.isRaised { return false }
        } else if !kinds.contains(alert.kind) {
            return false
        }
        if let since, alert.time < since { return false }
        if let until, alert.time >= until { return false }
        if let rule, alert.rule != rule { return false }
        if let entity, !alert.entities.contains(entity) { return false }
        if excludedRules.contains(alert.rule) || excludedFeeds.contains(alert.feed) { return false }
        if alert.entities.contains(where: excludedEntities.contains) { return false }
        if let acknowledged, acknowledgedIDs.contains(alert.id) != acknowledged { return false }
        if let severity, !severity.accepts(alert.severity) { return false }
        if let feed, alert.feed != feed { return false }
        if let story, alert.story != story { return false }
        if let idPrefix, !alert.id.hasPrefix(idPrefix) { return false }
        if let grep {
            let haystacks = [alert.item.title ?? "", alert.snippet] + alert.matches.map(\.text)
            if !haystacks.contains(where: { $0.localizedCaseInsensitiveContains(grep) }) {
                return false
            }
        }
        return true
    }
}

/// `high` (exactly) or `high+` (that or more urgent).
public struct SeverityFilter: Sendable, Equatable {
    public var severity: Severity
    public var orAbove: Bool

    public init(severity: Severity, orAbove: Bool) {
        self.severity = severity
        self.orAbove = orAbove
    }

    /// Reads `high` or `high+`; nil for anything else.
    public init?(_ text: String) {
        let orAbove = text.hasSuffix("+")
        guard let severity = Severity(rawValue: String(orAbove ? text.dropLast() : Substring(text)))
        else { return nil }
        self.init(severity: severity, orAbove: orAbove)
    }

    func accepts(_ value: Severity) -> Bool {
        orAbove ? value >= severity : value == severity
    }
}
