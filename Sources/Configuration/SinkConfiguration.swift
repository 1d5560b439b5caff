import Foundation

/// A `[sink NAME]` section: a webhook that rules name with `notify NAME`.
public struct SinkConfiguration: Sendable, Equatable {
    /// The request body's shape.
    public enum Format: String, Sendable, Equatable, CaseIterable { case json, slack, discord }

    public var name: String
    public var url: URL
    public var format: Format
    /// Where the HMAC secret comes from, as written (`env:NAME` or literal).
    /// Read it with `resolvedSecret(environment:)` when signing, so a changed
    /// environment variable needs no reload.
    public var secret: String?
    /// The configuration file and the line of the section header, for messages.
    public var file: String
    public var line: Int

    public init(
        name: String, url: URL, format: Format = .json, secret: String? = nil, line: Int = 0,
        file: String = "feeds.conf"
    ) {
        self.name = name
        self.url = url
        self.format = format
        self.secret = secret
        self.line = line
        self.file = file
    }

    /// The prefix that makes `secret` name an environment variable.
    static let environmentPrefix = "env:"

    /// The secret to sign with: nil when the sink has none; the variable's
    /// value for `env:NAME`; the text itself otherwise. An unset or empty
    /// variable is an error: sending unsigned when a signature was asked for
    /// would let the receiver reject every alert, or worse, accept forgeries.
    public func resolvedSecret(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> String? {
        guard let secret else { return nil }
        guard secret.hasPrefix(Self.environmentPrefix) else { return secret }
        let variable = String(secret.dropFirst(Self.environmentPrefix.count))
        guard let value = environment[variable], !value.isEmpty else {
            throw ConfigurationError(
                file: file, line: line,
                message:
                    "sink '\(name)': secret names environment variable \(variable), which is not set"
            )
        }
        return value
    }
}
