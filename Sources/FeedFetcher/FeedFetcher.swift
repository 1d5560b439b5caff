import FeedModel
import Foundation

/// Fetches feeds over HTTP(S) through libcurl's multi interface, or from
/// file:// paths.
///
/// Many transfers run at once (`options.concurrency`), at most
/// `options.perHost` to one host, hosts taking turns; connections are reused
/// and HTTP/2 is used where the server offers it over TLS. Requests are
/// conditional when they carry validators, bodies are decompressed and
/// capped, redirects are followed (at most `options.maxRedirects`), and
/// every other scheme is refused. One failing feed never stops the others:
/// each ends in its own `FetchResult`.
///
/// Keep one fetcher for the life of the monitor: its passes reuse
/// connections left open by earlier ones.
///
/// Sendable: besides its options it holds only a lock-guarded pool of
/// libcurl multi handles; each `fetch` takes its own handle from it, so calls
/// from several threads never share one.
public final class FeedFetcher: Sendable {
    public let options: FetchOptions
    /// Two: concurrent passes on one fetcher are rare.
    private let multiHandles = CurlHandlePool<CurlMultiHandle>(capacity: 2)

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    /// Fetches every request and calls `completion` for each as it finishes,
    /// on the calling thread. Returns when all are done (or, after
    /// `cancellation` fires, when the transfers in flight are).
    public func fetch(
        _ requests: [FeedRequest], cancellation: FetchCancellation? = nil,
        completion: (FetchResult) -> Void
    ) {
        var scheduler = HostScheduler<FeedRequest>(
            maxActive: options.concurrency, maxPerHost: options.perHost)
        for request in requests {
            switch request.url.scheme?.lowercased() {
            case "http", "https":
                scheduler.enqueue(request, host: FeedTransfer.hostKey(for: request.url))
            case "file":
                completion(FileFetcher.fetch(request, maxSize: options.maxSize))
            default:
                completion(
                    FetchResult(
                        request: request,
                        outcome: .failed(.unsupportedScheme(request.url.absoluteString))))
            }
        }
        guard !scheduler.isIdle else { return }

        let multi: CurlMultiHandle
        do {
            multi = try multiHandles.take { () throws(CurlError) in
                try CurlMultiHandle(
                    maxTotalConnections: options.concurrency, maxHostConnections: options.perHost)
            }
        } catch {
            for request in scheduler.removeAllPending() {
                completion(Self.failure(request, message: error.message))
            }
            return
        }
        if run(&scheduler, on: multi, cancellation: cancellation, completion: completion) {
            multiHandles.putBack(multi)
        }
    }

    /// The multi loop: start what the scheduler allows, let libcurl work,
    /// hand out finished transfers, and sleep in `curl_multi_poll` only when
    /// nothing finished. Returns false when the multi handle failed and must
    /// not be reused.
    private func run(
        _ scheduler: inout HostScheduler<FeedRequest>, on multi: CurlMultiHandle,
        cancellation: FetchCancellation?,
        completion: (FetchResult) -> Void
    ) -> Bool {
        var active: [UnsafeMutableRawPointer: FeedTransfer] = [:]
        // Handles leave the multi before they are freed, whatever happens below.
        defer {
            for transfer in active.values { multi.remove(transfer.easy) }
        }
        while true {
            if cancellation?.isCancelled == true {
                for request in scheduler.removeAllPending() {
                    completion(
                        FetchResult(
                            request: request,
                            outcome: .failed(.cancelled(url: request.url.absoluteString))))
                }
            }
            while let (request, host) = scheduler.next() {
                do {
                    let transfer = try FeedTransfer(request: request, host: host, options: options)
                    try multi.add(transfer.easy)
                    active[transfer.easy.rawHandle] = transfer
                } catch {
                    scheduler.finish(host: host)
                    completion(Self.failure(request, message: error.message))
                }
            }
            if active.isEmpty && scheduler.isIdle { return true }

            do {
                try multi.perform()
                let finished = multi.completedTransfers()
                for (handle, code) in finished {
                    guard let transfer = active.removeValue(forKey: handle) else { continue }
                    multi.remove(transfer.easy)
                    scheduler.finish(host: transfer.host)
                    completion(transfer.result(for: code))
                }
                // A short timeout so a cancellation is noticed soon; activity ends the wait earlier.
                if finished.isEmpty { try multi.poll(timeoutMilliseconds: 250) }
            } catch {
                // The multi handle itself failed: nothing more can run on it.
                for transfer in active.values {
                    multi.remove(transfer.easy)
                    completion(Self.failure(transfer.request, message: error.message))
                }
                active = [:]
                for request in scheduler.removeAllPending() {
                    completion(Self.failure(request, message: error.message))
                }
                return false
            }
        }
    }

    private static func failure(_ request: FeedRequest, message: String) -> FetchResult {
        FetchResult(
            request: request,
            outcome: .failed(.transport(url: request.url.absoluteString, message: message)))
    }
}
