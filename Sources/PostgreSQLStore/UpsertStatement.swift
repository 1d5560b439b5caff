import Foundation

/// `INSERT … ON CONFLICT (key) DO UPDATE` that replaces every other column:
/// a row stored again with some fields cleared comes back with them cleared.
enum UpsertStatement {
    /// The statement for `columns` (a comma-separated list whose first is the
    /// unique `key`), with one placeholder per column in their order.
    static func replacing(table: String, columns: String) -> String {
        let names = columns.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let placeholders = (1...names.count).map { "$\($0)" }.joined(separator: ", ")
        let updates = names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders))
            ON CONFLICT (\(names[0])) DO UPDATE SET \(updates)
            """
    }
}
