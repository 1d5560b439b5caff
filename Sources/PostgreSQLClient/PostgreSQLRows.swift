import Foundation

/// The rows a statement returned, copied out of libpq, with their column names.
public struct PostgreSQLRows: Sendable, RandomAccessCollection {
    public let columns: [String]
    let values: [[String?]]
    /// Rows a statement without a result (INSERT, UPDATE, DELETE) changed.
    public let affectedRowCount: Int

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }

    public subscript(position: Int) -> PostgreSQLRow {
        PostgreSQLRow(columns: columns, values: values[position])
    }
}

/// One row, read by column position in the type the caller expects; a value
/// that is not of that type is a `PostgreSQLError.unexpectedValue`.
public struct PostgreSQLRow: Sendable {
    let columns: [String]
    /// Each value in PostgreSQL's text form; nil for NULL.
    let values: [String?]

    /// Whether the column is NULL.
    public func isNull(_ column: Int) -> Bool { values[column] == nil }

    public func string(_ column: Int) throws(PostgreSQLError) -> String {
        try required(column, as: "text", optionalString(column))
    }

    public func optionalString(_ column: Int) -> String? { values[column] }

    public func int(_ column: Int) throws(PostgreSQLError) -> Int {
        try required(column, as: "an integer", optionalInt(column))
    }

    public func optionalInt(_ column: Int) throws(PostgreSQLError) -> Int? {
        try decoded(column, as: "an integer") { Int($0) }
    }

    public func double(_ column: Int) throws(PostgreSQLError) -> Double {
        try required(column, as: "a number", optionalDouble(column))
    }

    public func optionalDouble(_ column: Int) throws(PostgreSQLError) -> Double? {
        try decoded(column, as: "a number") { Double($0) }
    }

    public func bool(_ column: Int) throws(PostgreSQLError) -> Bool {
        try required(
            column, as: "a boolean",
            decoded(column, as: "a boolean") { text in
                text == "t" ? true : text == "f" ? false : nil
            })
    }

    /// A time stored as seconds since 2001-01-01 (`PostgreSQLValue.date`).
    public func date(_ column: Int) throws(PostgreSQLError) -> Date {
        try required(column, as: "a time", optionalDate(column))
    }

    public func optionalDate(_ column: Int) throws(PostgreSQLError) -> Date? {
        try optionalDouble(column).map { Date(timeIntervalSinceReferenceDate: $0) }
    }

    /// A `text[]` column (without NULL elements).
    public func textArray(_ column: Int) throws(PostgreSQLError) -> [String] {
        try required(
            column, as: "a text array", decoded(column, as: "a text array", ArrayText.decode))
    }

    /// A `bytea` column, which the server sends as `\x` and hex digits.
    public func bytes(_ column: Int) throws(PostgreSQLError) -> [UInt8] {
        try required(column, as: "bytes", decoded(column, as: "bytes", ByteaText.decode))
    }

    private func decoded<Value>(
        _ column: Int, as expected: String, _ decode: (String) -> Value?
    ) throws(PostgreSQLError) -> Value? {
        guard let text = values[column] else { return nil }
        guard let value = decode(text) else {
            throw .unexpectedValue(column: columns[column], expected: expected, found: text)
        }
        return value
    }

    private func required<Value>(_ column: Int, as expected: String, _ value: Value?)
        throws(PostgreSQLError) -> Value
    {
        guard let value else {
            throw .unexpectedValue(column: columns[column], expected: expected, found: nil)
        }
        return value
    }
}

/// `bytea` in PostgreSQL's hex output form.
enum ByteaText {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"),
            digits.count % 2 == 0
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((digits.count - 2) / 2)
        var index = 2
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
