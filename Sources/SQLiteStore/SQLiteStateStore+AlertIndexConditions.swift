import Foundation
import Store

/// The WHERE clauses of alert index queries: which condition each filter
/// field becomes, and in what form, so that SQLite starts from the right index.
extension SQLiteStateStore {
    /// An entity named by more alerts than this is a filter, not a starting point.
    static let commonEntityAlerts = 20_000

    /// The WHERE clause of `filter` (empty when it filters nothing) and its
    /// parameters, shaped for SQLite's planner.
    ///
    /// The entity condition comes in two forms. `id IN (…)` makes the entity's
    /// alerts the rows to start from: right for a rare entity, or when nothing
    /// else narrows the search. `EXISTS (…)` checks each row that the time,
    /// rule or feed indexes give: right for a common entity beside another
    /// filter or a newest-first limit, where starting from a quarter of a
    /// million ids and sorting them would take most of a second.
    func conditions(of filter: AlertIndexFilter) throws(StoreError) -> (
        String, [AlertIndexParameter]
    ) {
        guard let entity = filter.entity else { return Self.conditions(of: filter) }
        let otherwiseNarrowed =
            filter.limit != nil || filter.since != nil || filter.until != nil
            || filter.rule != nil || filter.feed != nil || filter.story != nil
            || filter.minimumSeverityRank != nil || filter.severityRank != nil
        guard otherwiseNarrowed, try alertCount(namingEntity: entity) > Self.commonEntityAlerts
        else {
            return Self.conditions(of: filter)
        }
        return Self.conditions(of: filter, entityCondition: Self.entityCheckedPerRow)
    }

    private static let entityAsStart = "id IN (SELECT alert FROM alert_entity WHERE entity = ?)"
    private static let entityCheckedPerRow =
        "EXISTS (SELECT 1 FROM alert_entity WHERE alert = alert_index.id AND entity = ?)"

    /// How many alerts name `entity`: a count over the entity index alone.
    private func alertCount(namingEntity entity: String) throws(StoreError) -> Int {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM alert_entity WHERE entity = ?",
                purpose: "counting alerts naming \(entity)"
            ) { statement throws(StoreError) in
                try statement.bind(entity, at: 1)
                return try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    /// The WHERE clause with the entity as the rows to start from.
    static func conditions(
        of filter: AlertIndexFilter, entityCondition: String = entityAsStart
    ) -> (String, [AlertIndexParameter]) {
        // Each filter field: its condition, and the values to bind when it is set.
        let single: [(condition: String, value: AlertIndexParameter?)] = [
            ("time >= ?", filter.since.map(AlertIndexParameter.date)),
            ("time < ?", filter.until.map(AlertIndexParameter.date)),
            ("rule = ?", filter.rule.map(AlertIndexParameter.text)),
            ("severity_rank >= ?", filter.minimumSeverityRank.map(AlertIndexParameter.integer)),
            ("severity_rank = ?", filter.severityRank.map(AlertIndexParameter.integer)),
            ("feed = ?", filter.feed.map(AlertIndexParameter.text)),
            ("story = ?", filter.story.map(AlertIndexParameter.text)),
            ("kind = ?", filter.kind.map(AlertIndexParameter.text)),
            ("kind <> ?", filter.excludedKind.map(AlertIndexParameter.text)),
            (entityCondition, filter.entity.map(AlertIndexParameter.text)),
            // The trigram index answers GLOB (LIKE with ESCAPE it cannot); the
            // text is stored lower-cased, so a lower-cased pattern ignores case.
            (
                "id IN (SELECT rowid FROM alert_search WHERE text GLOB ?)",
                filter.text.map { .text("*\(globEscaped($0.lowercased()))*") }
            ),
            // GLOB, unlike LIKE with ESCAPE, lets a prefix use the unique index.
            ("alert_id GLOB ?", filter.idPrefix.map { .text("\(globEscaped($0))*") }),
        ]
        var active = single.compactMap { clause in clause.value.map { (clause.condition, [$0]) } }
        // The lists: `?, ?, …` with one value each, left out when empty.
        let lists: [(condition: (String) -> String, values: [String])] = [
            ({ "kind IN (\($0))" }, filter.kinds),
            ({ "rule NOT IN (\($0))" }, filter.excludedRules),
            ({ "feed NOT IN (\($0))" }, filter.excludedFeeds),
            (
                {
                    "NOT EXISTS (SELECT 1 FROM alert_entity WHERE alert = alert_index.id AND entity IN (\($0)))"
                }, filter.excludedEntities
            ),
        ]
        for list in lists where !list.values.isEmpty {
            let placeholders = Array(repeating: "?", count: list.values.count)
                .joined(separator: ", ")
            active.append((list.condition(placeholders), list.values.map(AlertIndexParameter.text)))
        }
        if let acknowledged = filter.acknowledged {
            active.append(
                (
                    "alert_id \(acknowledged ? "IN" : "NOT IN") (SELECT alert_id FROM alert_ack)",
                    []
                ))
        }
        guard !active.isEmpty else { return ("", []) }
        return (
            " WHERE " + active.map(\.0).joined(separator: " AND "),
            active.flatMap(\.1)
        )
    }

    /// `text` with GLOB's wildcards taken literally.
    private static func globEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "*?[".contains(character) {
                escaped += "[\(character)]"
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }
}

/// A value for a query built at run time.
enum AlertIndexParameter {
    case text(String)
    case integer(Int)
    case date(Date)
}

extension SQLiteStatement {
    /// Binds `parameters` to the placeholders, in order.
    func bind(_ parameters: [AlertIndexParameter]) throws(StoreError) {
        for (offset, parameter) in parameters.enumerated() {
            let index = Int32(offset + 1)
            switch parameter {
            case .text(let text): try bind(text, at: index)
            case .integer(let integer): try bind(integer, at: index)
            case .date(let date): try bind(date, at: index)
            }
        }
    }
}
