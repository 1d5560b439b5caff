import Configuration
import Foundation

/// One email as the SMTP server receives it (RFC 5322, CRLF line ends): the
/// headers, then a `multipart/alternative` body of a plain-text part and an
/// HTML part, both UTF-8 in base64 so that no line is too long and no
/// byte needs care in transit.
///
/// Every header value that came from a feed is cleared of line breaks and
/// other control characters (a title must not add a header), and written as
/// RFC 2047 encoded-words when it is not plain ASCII.
public struct EmailMessage: Sendable {
    public var from: String
    public var to: [String]
    public var subject: String
    /// Both derived from the message's idempotency key: a resent email is the same email.
    public var key: String
    public var date: Date
    public var plainText: String
    public var html: String

    public init(
        from: String, to: [String], subject: String, key: String, date: Date, plainText: String,
        html: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.key = key
        self.date = date
        self.plainText = plainText
        self.html = html
    }

    /// `<KEY@feedwatch>`: the same for every attempt of one message.
    public var messageID: String { "<\(key)@feedwatch>" }

    /// The bytes to send.
    public func data() -> Data {
        // `=_` cannot occur in base64, so the boundary never appears in a part.
        let boundary = "=_feedwatch_\(key)"
        var lines = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedHeader(subject))",
            "Date: \(Self.dateText(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, text) in [("text/plain", plainText), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += Self.base64Lines(Data(Self.crlf(text).utf8))
        }
        lines += ["--\(boundary)--", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    // MARK: - Headers

    /// The longest piece of UTF-8 one encoded-word carries: 45 bytes are 60
    /// base64 characters, which with `=?UTF-8?B?` and `?=` stay under the 75 allowed.
    static let encodedWordBytes = 45

    /// `text` on one logical header line: control characters become spaces;
    /// anything but printable ASCII (or a `=?` that would read as an encoded-word) is
    /// encoded, in words of whole characters folded onto continuation lines.
    static func encodedHeader(_ text: String) -> String {
        let clean = String(
            text.unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : Character($0)
            })
        let isPlain =
            clean.unicodeScalars.allSatisfy { $0.isASCII } && !clean.contains("=?")
            && clean.count <= 900
        if isPlain { return clean }
        var words: [String] = []
        var piece = ""
        for character in clean {
            if piece.utf8.count + String(character).utf8.count > encodedWordBytes {
                words.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { words.append(piece) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(
            separator: "\r\n ")
    }

    /// RFC 5322 date-time in UTC: `Thu, 03 Dec 2026 16:30:00 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: - Bodies

    private static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
            of: "\n", with: "\r\n")
    }

    private static func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return encoded.isEmpty ? [] : encoded.components(separatedBy: "\r\n")
    }
}
