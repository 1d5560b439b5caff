/// A failure of the PostgreSQL connection or of a statement, with what the
/// server said: its SQLSTATE lets a caller tell a unique-key conflict
/// (`23505`) or a lost lock (`40P01`) from a broken connection.
public enum PostgreSQLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No connection could be made to `target` (user@host:port/database, never the password).
    case cannotConnect(target: String, message: String)
    /// The server refused a statement.
    case server(sqlState: String, message: String, detail: String?)
    /// The connection broke or libpq failed without an answer from the server.
    case connection(message: String)
    /// A column did not hold what the caller read it as (NULL, or not a number).
    case unexpectedValue(column: String, expected: String, found: String?)
    /// A text could not be sent: PostgreSQL text cannot hold a NUL character.
    case unsendableText(parameter: Int)

    /// The SQLSTATE of a refused statement, nil for other failures.
    public var sqlState: String? {
        if case .server(let state, _, _) = self { state } else { nil }
    }

    /// Whether a statement broke a unique key (SQLSTATE 23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        switch self {
        case .cannotConnect(let target, let message):
            "cannot connect to PostgreSQL at \(target): \(message)"
        case .server(let state, let message, let detail):
            "PostgreSQL refused (SQLSTATE \(state)): \(message)" + (detail.map { " (\($0))" } ?? "")
        case .connection(let message): "PostgreSQL connection failed: \(message)"
        case .unexpectedValue(let column, let expected, let found):
            "column \(column) holds \(found.map { "'\($0)'" } ?? "NULL"), not \(expected)"
        case .unsendableText(let parameter):
            "parameter $\(parameter) holds a NUL character, which PostgreSQL text cannot store"
        }
    }
}
