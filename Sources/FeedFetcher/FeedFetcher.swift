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
/// With `sharedHostSlots`, the per-host cap holds over every process that
/// shares them (the monitors of a fleet), not over this one alone.
///
/// Sendable: besides its options it holds only a lock-guarded pool of
/// transfer groups; each `fetch` takes its own group from it, so calls from
/// several threads never share one.
public final class FeedFetcher: Sendable {
    public let options: FetchOptions
    /// Two: concurrent passes on one fetcher are rare.
    private let groups: TransferGroupPool
    private let sharedHostSlots: (any SharedHostSlots)?

    public init(
        options: FetchOptions = FetchOptions(), sharedHostSlots: (any SharedHostSlots)? = nil
    ) {
        self.options = options
        self.sharedHostSlots = sharedHostSlots
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
        for request in requests { admit(request, to: &scheduler, completion: completion) }
        guard !scheduler.isIdle else { return }
        withGroup(failing: &scheduler, completion: completion) { group, scheduler in
            run(
                &scheduler, on: group, source: nil, cancellation: cancellation,
                completion: completion)
        }
    }

    /// Fetches for as long as `cancellation` lets it: whenever it looks for
    /// work (at once after a transfer ends, at least every quarter second
    /// while one runs) it takes what `source.due()` hands out, and when nothing
    /// runs it calls `source.waitForWork()`. Each transfer ends on its own, so
    /// a feed that hangs holds one slot until its timeout, never the others.
    /// `completion` is called for each as it finishes, on the calling thread.
    /// Returns once `cancellation` has fired and the transfers in flight have ended.
    public func fetchContinuously(
        from source: some FetchSource, cancellation: FetchCancellation,
        completion: (FetchResult) -> Void
    ) {
        var scheduler = HostScheduler<FeedRequest>(
            maxActive: options.concurrency, maxPerHost: options.perHost)
        withGroup(failing: &scheduler, completion: completion) { group, scheduler in
            run(
                &scheduler, on: group, source: source, cancellation: cancellation,
                completion: completion)
        }
    }

    /// Runs `body` on a transfer group of the pool, and puts the group back
    /// unless it failed; when none can be made, every queued request fails.
    private func withGroup(
        failing scheduler: inout HostScheduler<FeedRequest>, completion: (FetchResult) -> Void,
        _ body: (TransferGroup, inout HostScheduler<FeedRequest>) -> Bool
    ) {
        let group: TransferGroup
        do {
            group = try groups.take()
        } catch {
            for request in scheduler.removeAllPending() {
                completion(Self.failure(request, message: error.message))
            }
            return
        }
        if body(group, &scheduler) { groups.putBack(group) }
    }

    /// Queues an http(s) request; answers any other at once.
    private func admit(
        _ request: FeedRequest, to scheduler: inout HostScheduler<FeedRequest>,
        completion: (FetchResult) -> Void
    ) {
        if let refusal = request.refusal {
            completion(FetchResult(request: request, outcome: .failed(refusal)))
            return
        }
        switch request.url.scheme?.lowercased() {
        case "http", "https":
            scheduler.enqueue(request, host: FeedTransfer.hostKey(for: request.url))
        case "file":
            completion(
                FileFetcher.fetch(
                    request, maxSize: request.settings.maxSize ?? options.transfer.maxSize))
        default:
            completion(
                FetchResult(
                    request: request,
                    outcome: .failed(.unsupportedScheme(request.url.absoluteString))))
        }
    }

    /// The fetch loop: start what the scheduler allows, let the group work,
    /// hand out finished transfers, and wait only when nothing finished.
    /// Returns false when the group failed and must not be reused.
    private func run(
        _ scheduler: inout HostScheduler<FeedRequest>, on group: TransferGroup,
        source: (any FetchSource)?, cancellation: FetchCancellation?,
        completion: (FetchResult) -> Void
    ) -> Bool {
        var active: [TransferID: FeedTransfer] = [:]
        var gate = HostSlotGate(slots: sharedHostSlots, limit: options.perHost)
        while true {
            let cancelled = cancellation?.isCancelled == true
            if cancelled {
                for request in scheduler.removeAllPending() {
                    completion(
                        FetchResult(
                            request: request,
                            outcome: .failed(.cancelled(url: request.url.absoluteString))))
                }
            } else if let source {
                for request in source.due() {
                    admit(request, to: &scheduler, completion: completion)
                }
            }
            while let (request, host) = scheduler.next(admitting: { gate.admits($0) }) {
                let transfer = FeedTransfer(request: request, host: host)
                do {
                    let id = try group.start(transfer.httpRequest(timeout: options.timeout))
                    active[id] = transfer
                } catch {
                    scheduler.finish(host: host)
                    gate.finished(host)
                    completion(transfer.result(error))
                }
            }
            if active.isEmpty && scheduler.isIdle {
                guard let source, !cancelled else { return true }
                source.waitForWork()
                continue
            }

            do {
                let finished = try group.advance()
                for (id, result) in finished {
                    guard let transfer = active.removeValue(forKey: id) else { continue }
                    scheduler.finish(host: transfer.host)
                    gate.finished(transfer.host)
                    completion(transfer.result(result))
                }
                // A short timeout so a cancellation is noticed soon; activity ends the wait earlier.
                if finished.isEmpty { try group.wait(timeoutMilliseconds: 250) }
            } catch {
                // The group itself failed: nothing more can run on it.
                group.abandonAll()
                for transfer in active.values {
                    gate.finished(transfer.host)
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
