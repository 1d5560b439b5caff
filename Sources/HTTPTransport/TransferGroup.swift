/// Many requests in flight at once, driven by the calling thread through
/// libcurl's multi interface.
///
/// Connections are cached in the group, so requests to the same host reuse
/// them, and HTTP/2 streams share one connection where the server offers it
/// over TLS. The caller decides what starts when (`start`), moves everything
/// along (`advance`) and sleeps while nothing happens (`wait`). Not
/// thread-safe: one thread drives a group at a time (`TransferGroupPool`
/// hands it from one fetch pass to the next).
public final class TransferGroup {
    /// The multi handle itself failed (out of memory, a broken socket set):
    /// nothing more can run on this group.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let options: TransferOptions
    private let multi: CurlMultiHandle
    /// The requests in flight, by the identity of their easy handle.
    private var running: [ObjectIdentifier: (id: TransferID, transfer: Transfer)] = [:]
    private var lastNumber = 0

    /// - Parameters:
    ///   - maxTotalConnections: open connections at most, over all hosts.
    ///   - maxHostConnections: open connections at most to one host (and port).
    public init(options: TransferOptions, maxTotalConnections: Int, maxHostConnections: Int)
        throws(Failure)
    {
        self.options = options
        do {
            multi = try CurlMultiHandle(
                maxTotalConnections: maxTotalConnections, maxHostConnections: maxHostConnections)
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// The requests started and not yet finished.
    public var runningCount: Int { running.count }

    /// Starts `request`; its result comes back from `advance` under the returned id.
    public func start(_ request: HTTPRequest) throws(TransferError) -> TransferID {
        let transfer = try Transfer(request, options: options, on: Self.makeHandle(for: request))
        do {
            try multi.add(transfer.easy)
        } catch {
            throw .failed(url: request.url.absoluteString, message: error.message)
        }
        lastNumber += 1
        let id = TransferID(number: lastNumber)
        running[ObjectIdentifier(transfer.easy)] = (id, transfer)
        return id
    }

    /// Moves every request as far as it can go without waiting, and returns
    /// those that ended, with their results.
    public func advance() throws(Failure) -> [(id: TransferID, result: TransferResult)] {
        do {
            try multi.perform()
        } catch {
            throw Failure(message: error.message)
        }
        var finished: [(id: TransferID, result: TransferResult)] = []
        for (easy, code) in multi.completedTransfers() {
            guard let (id, transfer) = running.removeValue(forKey: ObjectIdentifier(easy)) else {
                continue
            }
            finished.append((id, transfer.result(for: code)))
            multi.remove(easy)
        }
        return finished
    }

    /// Waits until a request has something to do, or `timeoutMilliseconds` pass.
    public func wait(timeoutMilliseconds: Int32) throws(Failure) {
        do {
            try multi.poll(timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// Drops every request in flight, without results; returns their ids.
    @discardableResult
    public func abandonAll() -> [TransferID] {
        let ids = running.values.map(\.id)
        for (_, transfer) in running.values { multi.remove(transfer.easy) }
        running = [:]
        return ids
    }

    private static func makeHandle(for request: HTTPRequest) throws(TransferError)
        -> CurlEasyHandle
    {
        do {
            return try CurlEasyHandle()
        } catch {
            throw .failed(url: request.url.absoluteString, message: error.message)
        }
    }
}
