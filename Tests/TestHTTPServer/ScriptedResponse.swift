import Foundation

/// What the test server answers on a route: status, headers, body, and how
/// to misbehave (delay, chunked, endless, close-delimited, close after).
public struct ScriptedResponse: Sendable {
    /// How the body is framed on the wire.
    public enum BodyMode: Sendable, Equatable {
        /// `Content-Length` (unless the headers already carry one, true or not).
        case contentLength
        /// `Transfer-Encoding: chunked`, in chunks of `size` bytes.
        case chunked(size: Int)
        /// Chunked, repeating the body (or 16 KB of `x`) until the client disconnects.
        case endless
        /// No length: the body ends when the server closes the connection (HTTP/1.0 style).
        case untilClose
        /// Announces `body` plus 1000 bytes, sends `body`, then goes silent
        /// until the client gives up: a stalled transfer, for low-speed limits.
        case stalled
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Seconds to wait before sending anything (cut short when the server stops).
    public var delay: TimeInterval
    public var bodyMode: BodyMode
    /// Sends `Connection: close` and closes the connection after the response.
    public var closeConnection: Bool

    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data(),
        delay: TimeInterval = 0, bodyMode: BodyMode = .contentLength, closeConnection: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.bodyMode = bodyMode
        self.closeConnection = closeConnection
    }

    /// A text body with its Content-Type.
    public static func text(
        _ body: String, status: Int = 200,
        contentType: String = "application/rss+xml; charset=utf-8",
        headers: [(name: String, value: String)] = []
    ) -> ScriptedResponse {
        ScriptedResponse(
            status: status, headers: [("Content-Type", contentType)] + headers,
            body: Data(body.utf8))
    }

    /// A redirect to `location` (relative or absolute).
    public static func redirect(to location: String, status: Int = 302) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Location", location)])
    }

    /// A bodiless response with `status`, e.g. 304 or 500.
    public static func status(_ status: Int, headers: [(name: String, value: String)] = [])
        -> ScriptedResponse
    {
        ScriptedResponse(status: status, headers: headers)
    }

    /// The same response, its body compressed with gzip and labelled `Content-Encoding: gzip`.
    public func gzipped() throws -> ScriptedResponse {
        var copy = self
        copy.body = try Gzip.compress(body)
        copy.headers.append(("Content-Encoding", "gzip"))
        return copy
    }

    /// The same response after `seconds` of silence.
    public func delayed(by seconds: TimeInterval) -> ScriptedResponse {
        var copy = self
        copy.delay = seconds
        return copy
    }

    /// The same response with one more header field.
    public func adding(header name: String, _ value: String) -> ScriptedResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    func hasHeader(_ name: String) -> Bool {
        headers.contains(where: { $0.name.lowercased() == name.lowercased() })
    }
}
