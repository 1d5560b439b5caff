import Foundation

/// The keys of a `[feed]` section that change how it is fetched and watched:
/// each overrides `[monitor]` (or feedwatch's own default) for this feed alone.
public struct FeedSettings: Sendable, Equatable {
    /// `user-agent`: sent instead of feedwatch's own.
    public var userAgent: String?
    /// `header = Name: value`, in file order.
    public var headers: [FeedHeader]
    /// `user` and `password`: HTTP basic authentication.
    public var login: FeedLogin?
    /// `timeout`: the longest a transfer of this feed may take.
    public var timeout: TimeInterval?
    /// `max-size`: the largest response accepted, in bytes.
    public var maxSize: Int?
    /// `stale-after`: how long it may fail or stay silent before a feed-health alert.
    public var staleAfter: TimeInterval?
    /// `health-notify`: the sinks of its feed-health alerts; empty for `off`
    /// (none raised); nil to follow `[monitor]`.
    public var healthNotify: [String]?

    public init(
        userAgent: String? = nil, headers: [FeedHeader] = [], login: FeedLogin? = nil,
        timeout: TimeInterval? = nil, maxSize: Int? = nil, staleAfter: TimeInterval? = nil,
        healthNotify: [String]? = nil
    ) {
        self.userAgent = userAgent
        self.headers = headers
        self.login = login
        self.timeout = timeout
        self.maxSize = maxSize
        self.staleAfter = staleAfter
        self.healthNotify = healthNotify
    }
}

/// A value that may be a secret: written in feeds.conf, or `env:NAME`. Either
/// way it is shown as hidden, so that printing a configuration never leaks it.
public enum SecretValue: Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    case literal(String)
    /// The name of the environment variable that holds it.
    case environment(String)

    /// Reads `env:NAME` as the variable NAME, anything else as itself.
    init(_ written: String) {
        let prefix = SinkConfiguration.environmentPrefix
        self =
            written.hasPrefix(prefix)
            ? .environment(String(written.dropFirst(prefix.count))) : .literal(written)
    }

    /// The environment variable it names, if it names one.
    var variable: String? {
        if case .environment(let variable) = self { return variable }
        return nil
    }

    /// The secret itself: the text, or the variable's value in
    /// `environment`; nil when the variable is unset or empty.
    func value(in environment: [String: String]) -> String? {
        switch self {
        case .literal(let text): return text
        case .environment(let variable):
            guard let found = environment[variable], !found.isEmpty else { return nil }
            return found
        }
    }

    public var description: String {
        switch self {
        case .literal: "(hidden)"
        case .environment(let variable): "env:\(variable)"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// `header = Name: value`.
public struct FeedHeader: Sendable, Equatable {
    public var name: String
    public var value: SecretValue

    public init(name: String, value: SecretValue) {
        self.name = name
        self.value = value
    }
}

/// `user` and `password`.
public struct FeedLogin: Sendable, Equatable {
    public var user: String
    public var password: SecretValue

    public init(user: String, password: SecretValue) {
        self.user = user
        self.password = password
    }
}
