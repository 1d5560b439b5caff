import Foundation
import Store

extension AlertDay {
    /// The same day number computed by SQLite from a time column, which holds
    /// seconds since 2001-01-01 (Foundation's reference date). CAST truncates,
    /// which is the floor for every time after 1970.
    static func sql(time column: String) -> String {
        let offset = Date.timeIntervalBetween1970AndReferenceDate
        return "CAST((\(column) + \(offset)) / \(secondsPerDay) AS INTEGER)"
    }
}
