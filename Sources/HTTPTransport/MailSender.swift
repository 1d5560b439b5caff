import CCurl
import Foundation

/// Sends one ready-made mail (RFC 5322 bytes, CRLF line ends) to an SMTP
/// server, `smtp://host:port` (STARTTLS when offered; required when a login
/// is given) or `smtps://host:port` (TLS from the first byte). One
/// connection per mail: email sinks are low-volume, and a digest is one mail.
public struct MailSender: Sendable {
    /// Who the mail is from and to, and the login when the server wants one.
    public struct Envelope: Sendable, Equatable {
        public var from: String
        public var to: [String]
        public var user: String?
        public var password: String?

        public init(from: String, to: [String], user: String? = nil, password: String? = nil) {
            self.from = from
            self.to = to
            self.user = user
            self.password = password
        }
    }

    /// Why a mail was not accepted.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The server's last reply code (`550`), or nil when none came.
        public var replyCode: Int?
        /// curl's message, which names the host or the refusal.
        public var message: String
        /// The server refused for good (a 5xx reply): sending the same mail again will not help.
        public var isPermanent: Bool { (replyCode ?? 0) >= 500 }

        public var description: String {
            replyCode.map { "SMTP \($0): \(message)" } ?? message
        }
    }

    public var connectTimeout: TimeInterval
    /// Connection to the server's final reply.
    public var timeout: TimeInterval

    public init(connectTimeout: TimeInterval = 5, timeout: TimeInterval = 30) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends `message` to `url`'s server. Returns the server's final reply code.
    public func send(_ message: Data, to url: URL, envelope: Envelope) throws(Failure) -> Int {
        guard let scheme = url.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps" else {
            throw Failure(replyCode: nil, message: "only smtp and smtps URLs can be sent mail")
        }
        let easy: CurlEasyHandle
        do {
            easy = try CurlEasyHandle()
        } catch {
            throw Failure(replyCode: nil, message: error.message)
        }
        let upload = MailUpload(message)
        do {
            try easy.set(url: url.absoluteString)
            try easy.set(allowedProtocols: "smtp,smtps")
            try easy.set(connectTimeout: connectTimeout)
            try easy.set(timeout: timeout)
            try easy.set(verifyTLS: true)
            try easy.set(mailFrom: envelope.from, recipients: envelope.to)
            if let user = envelope.user {
                try easy.set(user: user, password: envelope.password ?? "")
            }
            if scheme == "smtp" { try easy.set(requireTLS: envelope.user != nil) }
            try upload.attach(to: easy)
        } catch {
            throw Failure(replyCode: nil, message: error.message)
        }
        let code = withExtendedLifetime(upload) { easy.perform() }
        let reply = easy.responseCode
        guard code == CURLE_OK else {
            throw Failure(replyCode: reply == 0 ? nil : reply, message: easy.message(for: code))
        }
        return reply
    }
}
