import Foundation

/// A `[sink NAME]` section: a webhook or a mailbox that rules name with `notify NAME`.
public struct SinkConfiguration: Sendable, Equatable {
    /// The message's shape.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case json, slack, discord
        /// A plain-text and HTML email, for `smtp://` and `smtps://` sinks.
        case email
    }

    public var name: String
    public var url: URL
    public var format: Format
    /// Where the HMAC secret comes from, as written (`env:NAME` or literal).
    /// Read it with `resolvedSecret(environment:)` when signing, so a changed
    /// environment variable needs no reload.
    public var secret: String?
    /// The envelope and login of an email sink; nil for a webhook.
    public var mail: MailSettings?
    /// `digest = 1h`: the sink is sent one message per period naming every
    /// alert of the period, instead of one per alert; nil sends each at once.
    public var digest: TimeInterval?
    /// `ca-file = PATH`: the certificates (PEM) to trust for this sink's TLS
    /// instead of the system's, as for a server with a self-signed or
    /// private-CA certificate; nil trusts the system's. An absolute path.
    public var caFile: String?
    /// The configuration file and the line of the section header, for messages.
    public var file: String
    public var line: Int

    public init(
        name: String, url: URL, format: Format = .json, secret: String? = nil, line: Int = 0,
        file: String = "feeds.conf", mail: MailSettings? = nil, digest: TimeInterval? = nil,
        caFile: String? = nil
    ) {
        self.caFile = caFile
        self.name = name
        self.url = url
        self.format = format
        self.secret = secret
        self.mail = mail
        self.digest = digest
        self.line = line
        self.file = file
    }

    /// The schemes of email sinks.
    public static let mailSchemes: Set<String> = ["smtp", "smtps"]

    /// Whether the sink is a mailbox (`smtp://` or `smtps://`) rather than a webhook.
    public var isMail: Bool { Self.mailSchemes.contains(url.scheme?.lowercased() ?? "") }

    /// The prefix that makes `secret` name an environment variable.
    static let environmentPrefix = "env:"

    /// The secret to sign with: nil when the sink has none; the variable's
    /// value for `env:NAME`; the text itself otherwise. An unset or empty
    /// variable is an error: sending unsigned when a signature was asked for
    /// would let the receiver reject every alert, or worse, accept forgeries.
    public func resolvedSecret(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> String? {
        try resolved(secret, key: "secret", environment: environment)
    }

    /// The mail password, read like `secret`: nil when none is set.
    public func resolvedPassword(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> String? {
        try resolved(mail?.password, key: "password", environment: environment)
    }

    private func resolved(_ value: String?, key: String, environment: [String: String])
        throws(ConfigurationError) -> String?
    {
        guard let value else { return nil }
        let secret = SecretValue(value)
        guard let found = secret.value(in: environment) else {
            throw ConfigurationError(
                file: file, line: line,
                message:
                    "sink '\(name)': \(key) names environment variable \(secret.variable ?? ""), which is not set"
            )
        }
        return found
    }
}

/// The envelope and login of an email sink (`from`, `to`, `user`, `password`).
public struct MailSettings: Sendable, Equatable {
    /// The sender's address, in the envelope and the `From` header.
    public var from: String
    /// One or more recipients.
    public var to: [String]
    /// The SMTP login, when the server asks for one.
    public var user: String?
    /// As written (`env:NAME` or literal); read with `SinkConfiguration.resolvedPassword`.
    public var password: String?

    public init(from: String, to: [String], user: String? = nil, password: String? = nil) {
        self.from = from
        self.to = to
        self.user = user
        self.password = password
    }
}
