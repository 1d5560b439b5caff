import Configuration
import FeedFetcher
import FeedModel
import Foundation
import Store

/// Reading the feeds of a pass: all that are due, from a state of its own;
/// from a state a fleet shares, those this monitor claims, a round at a time.
extension PipelinePass {
    /// The feeds due, with their requests and last states.
    typealias DueFeeds = (
        requests: [FeedRequest], feeds: [String: FeedConfiguration], states: [String: FeedState]
    )

    /// Fetches `requests` (of `due`) and takes each feed's turn. Transfers and
    /// parsing on threads of their own; matching and storing here, one feed
    /// at a time, as each is read.
    func read(
        _ requests: [FeedRequest], of due: DueFeeds, options: Options, now: Date,
        cancellation: FetchCancellation?, summary: inout PassSummary
    ) {
        ReadingPipeline().run(requests, fetcher: fetcher, cancellation: cancellation) {
            reading in
            let result = reading.result
            guard let feed = due.feeds[result.request.feedName] else { return }
            // A transfer cancelled before it started (the monitor is stopping)
            // leaves the feed as it was: due, not failing.
            if case .failed(.cancelled) = result.outcome {
                summary.feedsPolled -= 1
                return
            }
            refresh(
                feed, with: reading, previous: due.states[feed.name], options: options,
                now: now, summary: &summary)
            summary.feedsDone += 1
            onProgress(summary, due.requests.count)
            renewLeases()
        }
    }

    /// The due feeds this monitor claims (all of them with `options.all`),
    /// a round of at most twice `concurrency` at a time, so that monitors
    /// polling at once share the work: a feed leased to another monitor is
    /// skipped, and one polled by another meanwhile is no longer due. Each
    /// round's leases are released once its feeds' turns are committed.
    func readClaimed(
        _ due: DueFeeds, leasing: FeedLeasing, options: Options, now: Date,
        cancellation: FetchCancellation?, summary: inout PassSummary
    ) {
        let roundSize = max(2 * configuration.settings.concurrency, 16)
        var waiting = due.requests
        while !waiting.isEmpty && cancellation?.isCancelled != true {
            let claimed: Set<String>
            do {
                // Leases run on the clock, whatever `now` the pass was given.
                claimed = Set(
                    try leasing.claim(
                        waiting.map(\.feedName), now: Date(), limit: roundSize, all: options.all))
            } catch {
                logger.error("cannot claim feeds to poll: \(error)")
                summary.problems.append("cannot claim feeds to poll: \(error)")
                break
            }
            guard !claimed.isEmpty else { break }
            let round = waiting.filter { claimed.contains($0.feedName) }
            waiting.removeAll { claimed.contains($0.feedName) }
            summary.feedsPolled += round.count
            read(
                round, of: due, options: options, now: now, cancellation: cancellation,
                summary: &summary)
            // While the leases hold, so that no other monitor changes these states meanwhile.
            checkHealth(now: now, summary: &summary, ofFeeds: claimed)
            do {
                try leasing.release(Array(claimed))
            } catch {
                // They run out by themselves; meanwhile their feeds are not due.
                logger.warning("cannot release the leases of feeds polled: \(error)")
            }
        }
        if !waiting.isEmpty && cancellation?.isCancelled != true {
            logger.info(
                "\(Counted.phrase(waiting.count, "due feed")) left to the other monitors sharing the state"
            )
        }
    }

    /// Renews this monitor's leases when due; a failure is logged, and the
    /// leases run out by themselves.
    func renewLeases() {
        do {
            try leasing?.renewIfDue(now: Date())
        } catch {
            logger.warning("cannot renew the leases of the feeds in flight: \(error)")
        }
    }
}
