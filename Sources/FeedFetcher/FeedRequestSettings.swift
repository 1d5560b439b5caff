import Foundation
import HTTPTransport

/// How one feed is requested where it differs from the pass's `FetchOptions`:
/// its own User-Agent, header fields, login, timeout and size cap. Its
/// description names the header fields and the user but never a value or the
/// password, which may be secrets.
public struct FeedRequestSettings: Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// One header field.
    public struct HeaderField: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var userAgent: String?
    public var headers: [HeaderField]
    public var login: HTTPLogin?
    public var timeout: TimeInterval?
    public var maxSize: Int?

    public init(
        userAgent: String? = nil, headers: [HeaderField] = [], login: HTTPLogin? = nil,
        timeout: TimeInterval? = nil, maxSize: Int? = nil
    ) {
        self.userAgent = userAgent
        self.headers = headers
        self.login = login
        self.timeout = timeout
        self.maxSize = maxSize
    }

    /// The header fields to send: the feed's own, then the User-Agent when it has one.
    var requestHeaders: [(name: String, value: String)] {
        headers.map { ($0.name, $0.value) } + (userAgent.map { [("User-Agent", $0)] } ?? [])
    }

    public var description: String {
        var parts: [String] = []
        if let userAgent { parts.append("user-agent \(userAgent)") }
        parts += headers.map { "header \($0.name)" }
        if let login { parts.append("login \(login.user)") }
        if let timeout { parts.append("timeout \(timeout)s") }
        if let maxSize { parts.append("max-size \(maxSize)") }
        return parts.isEmpty ? "defaults" : parts.joined(separator: ", ")
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
