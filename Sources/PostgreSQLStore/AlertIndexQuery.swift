import Foundation
import PostgreSQLClient
import Store

/// The WHERE clause of an alert index filter, with its parameters numbered
/// `$1`, `$2`, … in the order they were added. Lists travel as one `text[]`
/// each, so a filter of any length is one statement of fixed text.
struct AlertIndexQuery {
    private(set) var conditions: [String] = []
    private(set) var parameters: [PostgreSQLValue] = []

    init(_ filter: AlertIndexFilter) {
        add(filter.since.map { .date($0) }) { "time >= \($0)" }
        add(filter.until.map { .date($0) }) { "time < \($0)" }
        add(filter.rule.map { .text($0) }) { "rule = \($0)" }
        add(filter.minimumSeverityRank.map { .integer($0) }) { "severity_rank >= \($0)" }
        add(filter.severityRank.map { .integer($0) }) { "severity_rank = \($0)" }
        add(filter.feed.map { .text($0) }) { "feed = \($0)" }
        add(filter.story.map { .text($0) }) { "story = \($0)" }
        add(filter.kind.map { .text($0) }) { "kind = \($0)" }
        add(filter.excludedKind.map { .text($0) }) { "kind <> \($0)" }
        // Containment is what the GIN index of the entities answers.
        add(filter.entity.map { .textArray([$0]) }) { "entities @> \($0)" }
        // The text is stored lower-cased; the trigram index answers LIKE.
        add(filter.text.map { .text("%" + Self.likeEscaped($0.lowercased()) + "%") }) {
            "search_text LIKE \($0)"
        }
        add(filter.idPrefix.map { .text(Self.likeEscaped($0) + "%") }) { "alert_id LIKE \($0)" }
        add(filter.kinds.isEmpty ? nil : .textArray(filter.kinds)) { "kind = ANY (\($0))" }
        add(filter.excludedRules.isEmpty ? nil : .textArray(filter.excludedRules)) {
            "NOT (rule = ANY (\($0)))"
        }
        add(filter.excludedFeeds.isEmpty ? nil : .textArray(filter.excludedFeeds)) {
            "NOT (feed = ANY (\($0)))"
        }
        add(filter.excludedEntities.isEmpty ? nil : .textArray(filter.excludedEntities)) {
            "NOT (entities && \($0))"
        }
        if let acknowledged = filter.acknowledged {
            conditions.append(
                "alert_id \(acknowledged ? "IN" : "NOT IN") (SELECT alert_id FROM alert_ack)")
        }
    }

    /// ` WHERE …`, or nothing when the filter filters nothing.
    var whereClause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// The placeholder for one more parameter, which is added.
    mutating func placeholder(for value: PostgreSQLValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    private mutating func add(_ value: PostgreSQLValue?, _ condition: (String) -> String) {
        guard let value else { return }
        conditions.append(condition(placeholder(for: value)))
    }

    /// `text` with LIKE's wildcards and its escape character taken literally.
    private static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "%_\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
