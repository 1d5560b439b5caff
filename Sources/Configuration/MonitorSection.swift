import Foundation

/// The `[monitor]` section. After `ConfigurationFile.load`, the paths are
/// absolute: relative ones are resolved against the configuration's folder
/// (a PostgreSQL state's URL is kept as written).
public struct MonitorSection: Sendable, Equatable {
    /// Where the state is (`state`, with `state-password` for a database).
    public var state: StateLocation = .sqliteFile(path: "state/feedwatch.db")
    /// The JSON Lines alert log (`alert-log`).
    public var alertLogPath: String = "alerts.jsonl"
    /// The default poll interval of a feed (`interval`).
    public var interval: TimeInterval = 600
    /// Transfers at once (`concurrency`).
    public var concurrency: Int = 16
    /// The longest a transfer may take (`timeout`).
    public var timeout: TimeInterval = 30
    /// The largest response body accepted, in bytes (`max-size`).
    public var maxSize: Int = 10 * 1024 * 1024
    /// How long a feed may fail or stay silent before a feed-health alert (`stale-after`).
    public var staleAfter: TimeInterval = 24 * 3600
    /// The severity of the alert a feed going dark raises (`health-severity`):
    /// `medium` by default, below the `high` of the news an analyst watches for.
    public var healthSeverity: String = "medium"
    /// What `health-severity` accepts.
    public static let healthSeverities = ["low", "medium", "high", "critical"]
    /// The sinks of feed-health alerts (`health-notify`); `log` is the alert log
    /// itself; empty for `off` (none raised). A feed's own `health-notify` overrides it.
    public var healthNotify: [String] = [ConfigurationFile.logSinkName]
    /// How long item texts are kept for `replay` and evidence (`archive`).
    public var archive: TimeInterval = 30 * 86_400
    /// How long a seen item absent from its feed is remembered (`forget`);
    /// an item still in its feed is never forgotten.
    public var forget: TimeInterval = 90 * 86_400

    public init() {}
}
