import Crypto
import Foundation

/// The `X-Feedwatch-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256
/// of "<t>.<body>">`. The timestamp inside the signed text lets a receiver
/// refuse replays of an old request (check that `t` is recent).
public enum WebhookSignature {
    public static let headerName = "X-Feedwatch-Signature"

    public static func header(body: Data, secret: String, time: Date) -> String {
        let timestamp = String(Int(time.timeIntervalSince1970))
        return "t=\(timestamp),v1=\(hexDigest(body: body, secret: secret, timestamp: timestamp))"
    }

    /// Whether `header` is a valid signature of `body` made with `secret`
    /// within `tolerance` seconds of `now`: what a receiver runs.
    public static func verify(
        header: String, body: Data, secret: String, now: Date, tolerance: TimeInterval = 300
    ) -> Bool {
        var fields: [Substring: Substring] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        guard let timestamp = fields["t"], let signature = fields["v1"],
            let seconds = TimeInterval(timestamp),
            abs(now.timeIntervalSince1970 - seconds) <= tolerance
        else { return false }
        let expected = hexDigest(body: body, secret: secret, timestamp: String(timestamp))
        // Constant-time comparison: a timing leak would let an attacker forge signatures byte by byte.
        return expected.utf8.count == signature.utf8.count
            && zip(expected.utf8, signature.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func hexDigest(body: Data, secret: String, timestamp: String) -> String {
        var message = Data(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(
            for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
