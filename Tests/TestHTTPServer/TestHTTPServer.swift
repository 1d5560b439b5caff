import Foundation
import Glibc

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for tests: POSIX
/// sockets and one thread per connection, keep-alive, routes scripted per
/// test, every request recorded.
///
/// ```swift
/// let server = try TestHTTPServer()
/// defer { server.stop() }
/// server.route("/feed.xml", .text("<rss/>"))
/// // fetch server.url("/feed.xml") …
/// #expect(server.requests(for: "/feed.xml").count == 1)
/// ```
///
/// Call `stop()` when done (or use `TestHTTPServer.with { … }`): the
/// connection threads keep the server alive until then.
///
/// `@unchecked Sendable`: every mutable field is read and written under
/// `lock`; the connection threads share the server through it.
public final class TestHTTPServer: @unchecked Sendable {
    /// Makes the response for a request (runs on the connection's thread).
    public typealias Handler = @Sendable (RecordedRequest) -> ScriptedResponse

    /// The port the server listens on.
    public let port: UInt16
    private let listener: ListeningSocket
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var routes: [String: Handler] = [:]
    private var recorded: [RecordedRequest] = []
    private var openConnections: Set<Int32> = []
    private var accepted = 0
    private var maxOpenConnections = 0
    private var activeRequests = 0
    private var maxActiveRequests = 0
    private var stopping = false

    /// Starts listening and accepting at once.
    public init() throws {
        listener = try ListeningSocket()
        port = listener.port
        threads.enter()
        let thread = Thread { [self] in
            acceptConnections()
            threads.leave()
        }
        thread.name = "TestHTTPServer accept :\(port)"
        thread.start()
    }

    /// Runs `body` with a new server and stops the server afterwards, whatever happens.
    public static func with<T>(_ body: (TestHTTPServer) throws -> T) throws -> T {
        let server = try TestHTTPServer()
        defer { server.stop() }
        return try body(server)
    }

    /// A port nothing listens on: bound, then released.
    public static func closedPort() throws -> UInt16 {
        let server = try TestHTTPServer()
        let port = server.port
        server.stop()
        return port
    }

    /// `http://127.0.0.1:PORT`
    public var baseURL: URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = Int(port)
        // Scheme, IPv4 host and a port number always make a URL.
        return components.url ?? URL(fileURLWithPath: "/")
    }

    /// An absolute URL for `path` (`"/feed.xml"`) on this server.
    public func url(_ path: String) -> URL {
        URL(string: path, relativeTo: baseURL)?.absoluteURL ?? baseURL.appendingPathComponent(path)
    }

    // MARK: - Routes

    /// Answers requests for `path` (query ignored) with `handler`'s response.
    /// Unrouted paths get 404.
    public func route(_ path: String, _ handler: @escaping Handler) {
        withLock { routes[path] = handler }
    }

    /// Answers every request for `path` with `response`.
    public func route(_ path: String, _ response: ScriptedResponse) {
        route(path) { _ in response }
    }

    // MARK: - What happened

    /// Every request received, in arrival order.
    public var requests: [RecordedRequest] { withLock { recorded } }

    /// The requests received for `path` (query ignored).
    public func requests(for path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// Forgets the requests received so far (between passes of a test);
    /// the connection and concurrency counts stay.
    public func clearRequests() {
        withLock { recorded.removeAll() }
    }

    /// Waits until at least `count` requests arrived; false if `timeout` passed first.
    public func waitForRequests(_ count: Int, timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while requests.count < count {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// Connections accepted since start.
    public var connectionsAccepted: Int { withLock { accepted } }

    /// The most connections open at once.
    public var maxConcurrentConnections: Int { withLock { maxOpenConnections } }

    /// The most requests being answered at once (received, response not yet finished).
    public var maxConcurrentRequests: Int { withLock { maxActiveRequests } }

    // MARK: - Stopping

    /// Stops accepting, cuts open connections (endless bodies and delays end
    /// too) and waits up to 5 s for every thread. Safe to call twice.
    public func stop() {
        let wasRunning: Bool = withLock {
            guard !stopping else { return false }
            stopping = true
            // Under the lock: a connection's descriptor is closed under it
            // too, so the number cannot have been reused by another socket
            // in this process (another server, a client) by now.
            for descriptor in openConnections { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
            return true
        }
        guard wasRunning else { return }
        listener.shutDown()
        _ = threads.wait(timeout: .now() + 5)
        listener.close()
    }

    // MARK: - For connections

    var isStopping: Bool { withLock { stopping } }

    /// Records `request`, counts it as active, and returns its response.
    func beginRequest(_ request: RecordedRequest) -> ScriptedResponse {
        let handler: Handler? = withLock {
            recorded.append(request)
            activeRequests += 1
            maxActiveRequests = max(maxActiveRequests, activeRequests)
            return routes[request.path]
        }
        return handler?(request)
            ?? .text("no route for \(request.path)", status: 404, contentType: "text/plain")
    }

    func endRequest() {
        withLock { activeRequests -= 1 }
    }

    /// Sleeps `seconds` in short steps; false when the server began stopping meanwhile.
    func sleep(_ seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if isStopping { return false }
            Thread.sleep(forTimeInterval: min(0.02, max(0, deadline.timeIntervalSinceNow)))
        }
        return !isStopping
    }

    private func acceptConnections() {
        while let descriptor = listener.accept() {
            let number: Int? = withLock {
                // A connection that arrives while stopping is closed at once:
                // `stop` has already taken its list of connections to cut.
                guard !stopping else { return nil }
                accepted += 1
                openConnections.insert(descriptor)
                maxOpenConnections = max(maxOpenConnections, openConnections.count)
                return accepted
            }
            guard let number else {
                close(descriptor)
                return
            }
            threads.enter()
            let thread = Thread { [self] in
                var connection = HTTPConnection(
                    number: number, descriptor: descriptor, server: self)
                connection.serve()
                withLock {
                    openConnections.remove(descriptor)
                    close(descriptor)
                }
                threads.leave()
            }
            thread.name = "TestHTTPServer connection \(number)"
            thread.start()
        }
    }

    private func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
