import Foundation

/// A JSON value held whole: one item of a JSON Feed, or one member of its
/// top level. The feed's `items` array is never held as one value: the
/// reader walks it element by element (`JSONFeedParser`).
enum JSONValue: Equatable {
    case string(String)
    /// The number as written: an id keeps its digits however long.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// A key written twice keeps its last value.
    case object([String: JSONValue])

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// A number or a boolean as text, as an identifier reads it: integers as
    /// written (without a sign of zero), other numbers as the shortest
    /// decimal that reads back as the same double, booleans as 1 and 0.
    var numberText: String? {
        switch self {
        case .bool(let value):
            return value ? "1" : "0"
        case .number(let literal):
            if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                if let integer = Int64(literal) { return String(integer) }
                if let integer = UInt64(literal) { return String(integer) }
            }
            return Double(literal).map { NSNumber(value: $0).stringValue }
        default:
            return nil
        }
    }
}
