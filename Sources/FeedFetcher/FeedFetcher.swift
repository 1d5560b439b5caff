import FeedModel
import Foundation
import HTTPTransport

/// Fetches feeds over HTTP(S) through a `TransferGroup` (libcurl's multi interface), or from
/// file:// paths.
///
/// Many transfers run at once (`options.concurrency`), at most
/// `options.perHost` to one host, hosts taking turns; connections are reused
/// and HTTP/2 is used where the server offers it over TLS. Requests are
/// conditional when they carry validators, bodies are decompressed and
/// capped, redirects are followed (at most `options.transfer.maxRedirects`), and
/// every other scheme is refused. One failing feed never stops the others:
/// each ends in its own `FetchResult`.
///
/// Keep one fetcher for the life of the monitor: its passes reuse
/// connections left open by earlier ones.
///
/// Sendable: besides its options it holds only a lock-guarded pool of
/// transfer groups; each `fetch` takes its own group from it, so calls from
/// several threads never share one.
public final class FeedFetcher: Sendable {
    public let options: FetchOptions
    /// Two: concurrent passes on one fetcher are rare.
    private let groups: TransferGroupPool

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
        groups = TransferGroupPool(
            capacity: 2, options: options.transfer,
            maxTotalConnections: options.concurrency, maxHostConnections: options.perHost)
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
                completion(FileFetcher.fetch(request, maxSize: options.transfer.maxSize))
            default:
                completion(
                    FetchResult(
                        request: request,
                        outcome: .failed(.unsupportedScheme(request.url.absoluteString))))
            }
        }
        guard !scheduler.isIdle else { return }

        let group: TransferGroup
        do {
            group = try groups.take()
        } catch {
            for request in scheduler.removeAllPending() {
                completion(Self.failure(request, message: error.message))
            }
            return
        }
        if run(&scheduler, on: group, cancellation: cancellation, completion: completion) {
            groups.putBack(group)
        }
    }

    /// The fetch loop: start what the scheduler allows, let the group work,
    /// hand out finished transfers, and wait only when nothing finished.
    /// Returns false when the group failed and must not be reused.
    private func run(
        _ scheduler: inout HostScheduler<FeedRequest>, on group: TransferGroup,
        cancellation: FetchCancellation?,
        completion: (FetchResult) -> Void
    ) -> Bool {
        var active: [TransferID: FeedTransfer] = [:]
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
                let transfer = FeedTransfer(request: request, host: host)
                do {
                    let id = try group.start(transfer.httpRequest(timeout: options.timeout))
                    active[id] = transfer
                } catch {
                    scheduler.finish(host: host)
                    completion(transfer.result(error))
                }
            }
            if active.isEmpty && scheduler.isIdle { return true }

            do {
                let finished = try group.advance()
                for (id, result) in finished {
                    guard let transfer = active.removeValue(forKey: id) else { continue }
                    scheduler.finish(host: transfer.host)
                    completion(transfer.result(result))
                }
                // A short timeout so a cancellation is noticed soon; activity ends the wait earlier.
                if finished.isEmpty { try group.wait(timeoutMilliseconds: 250) }
            } catch {
                // The group itself failed: nothing more can run on it.
                group.abandonAll()
                for transfer in active.values {
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
