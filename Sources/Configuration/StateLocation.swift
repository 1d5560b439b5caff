import Foundation

/// Where the state is (`[monitor] state`): an SQLite file that one monitor
/// keeps, or a PostgreSQL database that a fleet of monitors shares.
///
/// Its `description` is what messages show: the file's path, or the URL with
/// any password taken out (one written in the URL, or as its `password`
/// parameter), so that printing a state's place never leaks the password.
public enum StateLocation: Sendable, Equatable, CustomStringConvertible {
    /// `state = PATH`: absolute once the configuration is loaded.
    case sqliteFile(path: String)
    /// `state = postgresql://user@host:port/database`, kept as written (libpq
    /// reads it), with `state-password` when feeds.conf gives one; without,
    /// libpq finds one itself (`PGPASSWORD`, `~/.pgpass`).
    case postgreSQL(url: String, password: SecretValue?)

    /// The URL schemes of a PostgreSQL state.
    public static let postgreSQLSchemes = ["postgresql", "postgres"]

    /// `state = …` as written: a URL with a PostgreSQL scheme, otherwise a
    /// file's path (relative ones are resolved later, against feeds.conf's folder).
    init(written: String) {
        let scheme = written.prefix { $0 != ":" }.lowercased()
        if Self.postgreSQLSchemes.contains(scheme),
            written.dropFirst(scheme.count).hasPrefix("://")
        {
            self = .postgreSQL(url: written, password: nil)
        } else {
            self = .sqliteFile(path: written)
        }
    }

    /// The SQLite file, for the commands that work on a file; nil for a database.
    public var sqlitePath: String? {
        if case .sqliteFile(let path) = self { return path }
        return nil
    }

    /// Whether several monitors may share it (a database, not a locked file).
    public var isShared: Bool { sqlitePath == nil }

    public var description: String {
        switch self {
        case .sqliteFile(let path): path
        case .postgreSQL(let url, _): Self.withoutPassword(url)
        }
    }

    /// The password `state-password` gives: its text, or the value of the
    /// environment variable it names. Nil when there is no `state-password`
    /// (libpq then looks for one); an error naming the variable when it is unset.
    public func postgreSQLPassword(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StatePasswordError) -> String? {
        guard case .postgreSQL(_, let password?) = self else { return nil }
        if let found = password.value(in: environment) { return found }
        throw StatePasswordError(state: description, variable: password.variable ?? "")
    }

    /// `url` without the password of its user part (`user:secret@`) or its
    /// `password=` parameter: what a message may show of it.
    static func withoutPassword(_ url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        let scheme = url[..<separator.upperBound]
        var rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at]
            let name = user.prefix { $0 != ":" }
            authority = String(name + authority[at...])
        }
        var shown = String(scheme) + authority
        guard let question = rest.firstIndex(of: "?") else { return shown + String(rest) }
        shown += rest[..<question]
        let parameters = rest[rest.index(after: question)...].split(separator: "&").filter {
            !$0.lowercased().hasPrefix("password=")
        }
        if !parameters.isEmpty { shown += "?" + parameters.joined(separator: "&") }
        return shown
    }
}

/// `state-password = env:NAME` names a variable that is not set.
public struct StatePasswordError: Error, CustomStringConvertible, Equatable {
    /// The state, as messages show it (no password).
    public var state: String
    public var variable: String

    public var description: String {
        "\(state): state-password names environment variable \(variable), which is not set"
    }
}
