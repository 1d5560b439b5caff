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
        /// The server's certificate could not be verified (self-signed, or
        /// signed by a CA the system does not trust).
        public var isUntrustedCertificate = false
        /// The server refused for good (a 5xx reply): sending the same mail again will not help.
        public var isPermanent: Bool { (replyCode ?? 0) >= 500 }

        public init(replyCode: Int?, message: String, isUntrustedCertificate: Bool = false) {
            self.replyCode = replyCode
            self.message = message
            self.isUntrustedCertificate = isUntrustedCertificate
        }

        public var description: String {
            replyCode.map { "SMTP \($0): \(message)" } ?? message
        }
    }

    public var connectTimeout: TimeInterval
    /// Connection to the server's final reply.
    public var timeout: TimeInterval
    /// A PEM file of the certificates to trust instead of the system's, or nil.
    public var caFile: String?

    public init(connectTimeout: TimeInterval = 5, timeout: TimeInterval = 30, caFile: String? = nil)
    {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.caFile = caFile
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
            if let caFile { try easy.set(caFile: caFile) }
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
            throw Failure(
                replyCode: reply == 0 ? nil : reply, message: easy.message(for: code),
                isUntrustedCertificate: code == CURLE_PEER_FAILED_VERIFICATION)
        }
        return reply
    }
}
