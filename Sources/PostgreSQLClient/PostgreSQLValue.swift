import Foundation

/// A parameter of a statement (`$1`, `$2`, …), typed so that the server
/// need not guess. Times travel as seconds since 2001-01-01 (Foundation's
/// reference date) in `double precision`: what a `Date` holds, so it reads
/// back exactly (through seconds since 1970 a fraction can change in its last bit).
public enum PostgreSQLValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case double(Double)
    case boolean(Bool)
    case bytes([UInt8])
    /// A `text[]`, for `= ANY($1)`, array columns and `unnest` (a batch of
    /// rows in one statement, cast element by element): a list in one
    /// parameter. nil elements are NULL.
    case textArray([String?])

    /// A time as seconds since 2001-01-01, for a `double precision` column.
    public static func date(_ date: Date) -> PostgreSQLValue {
        .double(date.timeIntervalSinceReferenceDate)
    }

    /// A text, or NULL.
    public static func text(_ text: String?) -> PostgreSQLValue {
        text.map { .text($0) } ?? .null
    }

    /// A whole number, or NULL.
    public static func integer(_ number: Int?) -> PostgreSQLValue {
        number.map { .integer(Int64($0)) } ?? .null
    }

    /// A time as seconds since 2001-01-01, or NULL.
    public static func date(_ date: Date?) -> PostgreSQLValue {
        date.map { .date($0) } ?? .null
    }

    /// A number, or NULL.
    public static func double(_ number: Double?) -> PostgreSQLValue {
        number.map { .double($0) } ?? .null
    }

    /// The text PostgreSQL reads as this value, for an element of a
    /// `textArray` that the statement casts back (`unnest($1::text[])::float8`);
    /// nil for NULL. Bytes have no such text here.
    public var textForm: String? {
        switch self {
        case .null, .bytes: nil
        default: wireBytes.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The type the server is told (0 lets it infer one from the statement, as for text).
    var typeOID: UInt32 {
        switch self {
        case .null, .text: 0
        case .integer: 20  // int8
        case .double: 701  // float8
        case .boolean: 16  // bool
        case .bytes: 17  // bytea
        case .textArray: 1009  // text[]
        }
    }

    /// Bytes go in binary; everything else in PostgreSQL's text form.
    var isBinary: Bool {
        if case .bytes = self { true } else { false }
    }

    /// The bytes sent for the value (without a terminating NUL), nil for NULL.
    var wireBytes: [UInt8]? {
        switch self {
        case .null: nil
        case .text(let text): Array(text.utf8)
        case .integer(let number): Array(String(number).utf8)
        // Swift prints the shortest text that reads back as the same double.
        case .double(let number): Array("\(number)".utf8)
        case .boolean(let flag): Array((flag ? "true" : "false").utf8)
        case .bytes(let bytes): bytes
        case .textArray(let texts): Array(Self.arrayLiteral(texts).utf8)
        }
    }

    /// `{"a","b"}`: every element quoted, with `"` and `\` escaped, so that
    /// commas, braces, spaces and the word NULL stay text.
    static func arrayLiteral(_ texts: [String?]) -> String {
        let elements = texts.map { element in
            guard let text = element else { return "NULL" }
            var quoted = "\""
            for character in text {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }
        return "{" + elements.joined(separator: ",") + "}"
    }
}
