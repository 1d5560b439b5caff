import FeedFetcher
import Foundation

/// The fetch and the parse of a pass, run beside the thread that matches and
/// stores: the transfers on one thread, the bodies parsed on worker threads,
/// each feed handed to the pass's thread as soon as it is read. A pass that
/// did all three on one thread kept one core busy and left the transfers
/// waiting while it parsed and stored.
///
/// The feeds are handed over in the order their transfers ended, however
/// long each takes to parse: a pass's outcome depends on that order (the
/// first report of an incident opens its story and alerts; the later ones
/// fold into it), so the workers must not reorder what one thread would
/// have read in turn. At most `capacity` feeds wait to be parsed or handed
/// over; beyond that the transfers wait for the pass, so memory stays
/// bounded however slowly the store writes.
final class ReadingPipeline: @unchecked Sendable {
    // @unchecked Sendable is sound because every mutable property is used
    // only while `condition` is locked.
    private let condition = NSCondition()
    /// Bodies to parse, each with its place in the order transfers ended.
    private var unparsed: [(place: Int, result: FetchResult)] = []
    /// Feeds read, by their place, until their turn comes.
    private var ready: [Int: FeedReading] = [:]
    /// The place of the next transfer to end, and of the next feed to hand over.
    private var transfersEnded = 0
    private var handedOver = 0
    private var parsing = 0
    private var fetching = true
    private let capacity: Int
    private let workers: Int

    /// - Parameter workers: the threads that parse; one per processor by default.
    init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, capacity: Int = 32) {
        self.workers = max(1, workers)
        self.capacity = max(1, capacity)
    }

    /// Fetches `requests` and calls `handle` for each feed once read, on the
    /// calling thread; returns when every feed has been handled.
    func run(
        _ requests: [FeedRequest], fetcher: FeedFetcher, cancellation: FetchCancellation?,
        handle: (FeedReading) -> Void
    ) {
        Thread { [self] in
            fetcher.fetch(requests, cancellation: cancellation) { submit($0) }
            finishFetching()
        }.start()
        for _ in 0..<workers {
            Thread { [self] in
                while let (place, result) = takeUnparsed() {
                    deliver(FeedReading(result, parsingNow: true), at: place)
                }
            }.start()
        }
        while let reading = next() { handle(reading) }
    }

    // MARK: - The fetch thread

    /// Queues a body for a worker (a result without one goes straight to
    /// the pass), once fewer than `capacity` feeds wait.
    private func submit(_ result: FetchResult) {
        condition.lock()
        defer { condition.unlock() }
        while unparsed.count + parsing + ready.count >= capacity { condition.wait() }
        let place = transfersEnded
        transfersEnded += 1
        if case .fetched = result.outcome {
            unparsed.append((place, result))
        } else {
            ready[place] = FeedReading(result, parsingNow: false)
        }
        condition.broadcast()
    }

    private func finishFetching() {
        condition.lock()
        defer { condition.unlock() }
        fetching = false
        condition.broadcast()
    }

    // MARK: - The workers

    /// The next body to parse; nil once the fetch has ended and none is left.
    private func takeUnparsed() -> (place: Int, result: FetchResult)? {
        condition.lock()
        defer { condition.unlock() }
        while unparsed.isEmpty && fetching { condition.wait() }
        guard !unparsed.isEmpty else { return nil }
        parsing += 1
        return unparsed.removeFirst()
    }

    private func deliver(_ reading: FeedReading, at place: Int) {
        condition.lock()
        defer { condition.unlock() }
        parsing -= 1
        ready[place] = reading
        condition.broadcast()
    }

    // MARK: - The pass's thread

    /// The next feed in the order transfers ended, once read; nil once
    /// every feed has been handed over.
    private func next() -> FeedReading? {
        condition.lock()
        defer { condition.unlock() }
        // The feed whose turn it is waits in `unparsed`, with a worker or in
        // `ready`: the workers never wait for a slot, so it always comes.
        while ready[handedOver] == nil && (fetching || parsing > 0 || !unparsed.isEmpty) {
            condition.wait()
        }
        guard let reading = ready.removeValue(forKey: handedOver) else { return nil }
        handedOver += 1
        // A slot is free: the fetch thread may go on.
        condition.broadcast()
        return reading
    }
}
