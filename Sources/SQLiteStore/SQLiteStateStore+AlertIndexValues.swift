import Foundation
import Store

/// The values the alert index holds, for refusing a misspelt filter value.
extension SQLiteStateStore {
    /// The table and column of each field; each has an index that starts with it.
    private static func source(of field: AlertIndexField) -> (table: String, column: String) {
        switch field {
        case .rule: ("alert_index", "rule")
        case .feed: ("alert_index", "feed")
        case .story: ("alert_index", "story")
        case .entity: ("alert_entity", "entity")
        }
    }

    public func alertIndexContains(_ value: String, in field: AlertIndexField) throws(StoreError)
        -> Bool
    {
        let (table, column) = Self.source(of: field)
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT 1 FROM \(table) WHERE \(column) = ? LIMIT 1",
                purpose: "looking for \(field.rawValue) \(value) among the alerts"
            ) { statement throws(StoreError) in
                try statement.bind(value, at: 1)
                return try statement.step()
            }
        }
    }

    public func alertIndexValues(of field: AlertIndexField) throws(StoreError) -> [String] {
        let (table, column) = Self.source(of: field)
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT DISTINCT \(column) FROM \(table) WHERE \(column) IS NOT NULL ORDER BY 1",
                purpose: "listing the \(field.rawValue) values of the alerts"
            ) { statement throws(StoreError) in
                try statement.rows { $0.string(at: 0) }
            }
        }
    }
}
