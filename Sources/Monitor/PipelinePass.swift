import AlertLog
import Configuration
import FeedFetcher
import FeedModel
import FeedParser
import Foundation
import Logging
import RuleEngine
import Store
import Stories
import Webhooks

/// One pass of the pipeline over the feeds that are due: fetch, parse, match,
/// alert, remember. `feedwatch poll` runs one; `feedwatch run` runs them forever.
///
/// One failing feed never stops a pass: its error is recorded against it and
/// the other feeds go on.
public final class PipelinePass {
    /// Choices a caller makes for one pass.
    public struct Options: Sendable {
        /// Poll every feed, due or not.
        public var all: Bool
        /// Alert on the items a feed already holds when it is first polled,
        /// instead of recording them as a silent baseline.
        public var backfill: Bool

        public init(all: Bool = false, backfill: Bool = false) {
            self.all = all
            self.backfill = backfill
        }
    }

    let configuration: ConfigurationFile
    let rules: RuleSet
    /// The rules that say `escalate`, by id.
    let escalatingRules: [String: RuleSummary]
    /// The state the pass reads and commits to; `poll` applies retention to it and
    /// `replay --raise` reads the archive from it.
    public let store: any StateStore
    let recorder: AlertRecorder
    /// Sends the outbox's due webhook deliveries, before and after each pass.
    let webhooks: WebhookDispatcher
    let fetcher: FeedFetcher
    let logger: Logger
    /// Called with each alert as soon as it is safely in the log.
    let onAlert: (Alert) -> Void
    /// Called after each feed of a pass, with the pass so far and the number of feeds due.
    public var onProgress: (PassSummary, Int) -> Void = { _, _ in }
    /// The recent stories, loaded at the start of a pass.
    var stories = StoryIndex()
    /// The feeds whose alerts the log refused, told once per pass.
    private var refusedByLog = AlertLogRefusals()
    /// This monitor's share of the feeds, when a fleet shares the state; nil for a state of its own.
    let leasing: FeedLeasing?

    /// - Parameter webhooks: the dispatcher of a long-running service, whose
    ///   idle connections outlive the pass; nil makes one for this pass.
    public init(
        configuration: ConfigurationFile, rules: RuleSet, store: any StateStore,
        alertLog: AlertLogWriter,
        fetcher: FeedFetcher, webhooks: WebhookDispatcher? = nil, logger: Logger,
        onAlert: @escaping (Alert) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.rules = rules
        self.escalatingRules = Dictionary(
            rules.rules.filter { $0.escalation != nil }.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        self.store = store
        leasing = FeedLeasing(store: store, configuration: configuration)
        self.recorder = AlertRecorder(
            log: alertLog, store: store, composer: WebhookComposer(sinks: configuration.sinks),
            rules: rules.rules, mutes: store)
        self.webhooks =
            webhooks
            ?? WebhookDispatcher(
                store: store, sinks: configuration.sinks,
                userAgent: fetcher.options.transfer.userAgent)
        self.fetcher = fetcher
        self.logger = logger
        self.onAlert = onAlert
    }

    /// Indexes alerts that a crash left in the log but not in the store, so
    /// that nothing alerts twice, and queues their deliveries; a new state
    /// indexes the log it finds and sends none of it. Run once before the
    /// first pass of a process.
    public func recoverAfterCrash() {
        do {
            let sinksOfRule = Dictionary(
                rules.rules.map { ($0.id, $0.notify) }, uniquingKeysWith: { first, _ in first })
            if let torn = recorder.log.setAsideTail { logger.warning("\(torn)") }
            // A state the fleet shares indexes the logs of every host, and its
            // last entry may be another's: matched against this host's log it
            // would look like damage and rebuild the fleet's index from one
            // log. An alert a crash left here unindexed is not lost: its item
            // was not marked seen, so the next poll of its feed raises it again.
            guard leasing == nil else { return }
            let caughtUp = try recorder.catchUp(
                sinks: { sinksOfRule[$0] ?? [] }, stateIsNew: try store.allFeedStates().isEmpty,
                archive: store)
            for line in caughtUp.corrupt { logger.warning("\(line)") }
            let line = caughtUp.description
            if !line.isEmpty { logger.notice("\(line)") }
        } catch {
            logger.error("cannot check the alert index against the log: \(error)")
        }
    }

    /// Polls the due feeds (all with `options.all`) and returns what happened.
    /// `now` is the pass's clock: due times, records and health all read it.
    ///
    /// The pass's conversation with the store: the stories and every feed's
    /// state read once at the start; then, per feed fetched, one read of its
    /// seen items, at most one question about its candidate alerts, and one
    /// commit of everything its turn produced. On a state a fleet shares, add
    /// per round of feeds one claim, one release and one read of the states
    /// for their health (`readClaimed`), and a lease renewal now and then.
    public func run(
        options: Options, now: Date = Date(), cancellation: FetchCancellation? = nil
    ) -> PassSummary {
        let started = Date()
        var summary = PassSummary()
        refusedByLog = AlertLogRefusals()
        loadStories(now: now)
        let due = dueFeeds(options: options, now: now, summary: &summary)
        // Deliveries left from earlier passes (a receiver that was down) go first.
        var delivery = sendWebhooks(now: now)
        if let leasing {
            readClaimed(
                due, leasing: leasing, options: options, now: now, cancellation: cancellation,
                summary: &summary)
        } else {
            summary.feedsPolled = due.requests.count
            read(
                due.requests, of: due, options: options, now: now, cancellation: cancellation,
                summary: &summary)
        }
        // Sharing the state, each round's feeds were looked after with the round.
        if leasing == nil { checkHealth(now: now, summary: &summary) }
        summary.problems += takeLogProblems(ofFeeds: due.requests.count)
        // This pass's alerts go now, not at the next cron run; one line for both rounds.
        delivery.add(sendWebhooks(now: Date()))
        if !delivery.isQuiet { logger.notice("\(delivery.line)") }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// What the alert log refused since the last call, as one problem
    /// naming the file, out of the `feeds` polled meanwhile; a warning when
    /// it cannot rotate.
    func takeLogProblems(ofFeeds feeds: Int) -> [String] {
        if let rotation = recorder.log.rotationFailure { logger.warning("\(rotation)") }
        return refusedByLog.take(ofFeeds: feeds)
    }

    /// Reads the recent stories that new reports may join.
    func loadStories(now: Date) {
        do {
            stories = try StoryIndex.load(from: store, now: now)
        } catch {
            // Without the stories every report alerts on its own: noisier, never silent.
            logger.error("cannot load recent stories: \(error)")
            stories = StoryIndex()
        }
    }

    /// The request for `feed`: conditional on what its state remembers, at
    /// the address a permanent redirect moved it to, with its own settings.
    static func request(for feed: FeedConfiguration, state: FeedState?) -> FeedRequest {
        FeedRequest(
            feed: feed, url: currentURL(of: feed, state: state),
            conditional: ConditionalRequest(etag: state?.etag, lastModified: state?.lastModified))
    }

    /// The feeds to fetch, with their requests and last states: every feed's
    /// state is read in one call.
    private func dueFeeds(options: Options, now: Date, summary: inout PassSummary) -> DueFeeds {
        let known: [String: FeedState]
        do {
            known = Dictionary(
                try store.allFeedStates().map { ($0.name, $0) },
                uniquingKeysWith: { first, _ in first })
        } catch {
            // Without its state a feed cannot be scheduled: each fails this
            // pass, and the one cause is said once.
            logger.error("cannot read the feeds' states: \(error)")
            summary.failures += configuration.feeds.map { "\($0.name): \(error)" }
            return ([], [:], [:])
        }
        var requests: [FeedRequest] = []
        var feeds: [String: FeedConfiguration] = [:]
        var states: [String: FeedState] = [:]
        for feed in configuration.feeds {
            let state = known[feed.name]
            guard options.all || PollSchedule.isDue(state, now: now) else { continue }
            states[feed.name] = state
            feeds[feed.name] = feed
            requests.append(Self.request(for: feed, state: state))
        }
        return (requests, feeds, states)
    }

    /// Where a feed lives now: where a permanent redirect moved it, unless
    /// the configuration has since been edited to another address.
    static func currentURL(of feed: FeedConfiguration, state: FeedState?) -> URL {
        guard let state, state.url == feed.url.absoluteString, let moved = state.movedTo,
            let url = URL(string: moved)
        else { return feed.url }
        return url
    }

    /// Everything that follows the fetch of one feed: its new state and, when
    /// its body was read, its items and alerts, stored in the order that keeps
    /// the promises. A feed that fails is counted once, with the first error.
    /// Returns the feed's new state (its next due time with it).
    @discardableResult
    func refresh(
        _ feed: FeedConfiguration, with reading: FeedReading, previous: FeedState?,
        options: Options, now: Date, summary: inout PassSummary
    ) -> FeedState {
        let result = reading.result
        var state = previous ?? FeedState(name: feed.name, url: feed.url.absoluteString)
        if state.url != feed.url.absoluteString {
            // The configuration now names another address: what was learnt
            // about the old one (validators, a move) no longer applies.
            state = FeedState(name: feed.name, url: feed.url.absoluteString)
        }
        state.lastAttempt = now
        state.lastDuration = result.elapsed
        state.lastBytes = result.bytesReceived
        logger.debug("\(FeedTurnLog.transfer(result))")
        let interval = PollSchedule.interval(
            for: feed, settings: configuration.settings, suggested: nil)
        var failure: (any Error)?

        switch result.outcome {
        case .notModified(let status):
            summary.feedsNotModified += 1
            logger.info("\(FeedTurnLog.notModified(feed.name))")
            state.lastStatus = status
            recordSuccess(&state, now: now, interval: interval)
        case .failed(let error):
            state.lastStatus = result.status
            let retryAfter = error.retryAfter
            state.retryAfter = retryAfter.map { now.addingTimeInterval($0) }
            recordFailure(&state, "\(error)", now: now, interval: interval, retryAfter: retryAfter)
            failure = error
        case .fetched(let body):
            state.lastStatus = body.status
            state.etag = body.conditional.etag
            state.lastModified = body.conditional.lastModified
            if let moved = body.movedPermanently, moved.absoluteString != state.movedTo {
                state.movedTo = moved.absoluteString
                logger.notice(
                    "\(feed.name) moved permanently to \(ShownURL.text(moved)); polling the new address (update feeds.conf)"
                )
            }
            let attempted = state
            defer { releaseStoryPlacement() }
            // The stories as they were before this feed: if its turn is not
            // stored, its firings must not count as alerted on a story that
            // a later feed's commit saves, or the next pass would fold the
            // alerts it retries into those stories and never write them.
            let storiesBefore = stories
            let error: any Error
            do {
                let hashed = try reading.feed(of: body)
                let parsed = hashed.feed
                // Repairs recur on every changed body of the same feed (most
                // real feeds carry an &nbsp; or a bad date): info, not warning,
                // so they do not drown the notices; `feedwatch parse URL` shows them.
                for warning in parsed.warnings {
                    logger.info(
                        "\(feed.name): \(warning)", metadata: ["url": "\(ShownURL.text(feed.url))"])
                }
                // First contact is the first body ever read: a feed whose first
                // polls failed still gets its silent baseline, not a flood.
                let processed = try process(
                    hashed, of: feed, firstContact: previous?.lastSuccess == nil, options: options,
                    now: now)
                if processed.newItems > 0 { state.lastNewItem = now }
                state.itemCount = parsed.items.count
                let feedInterval = PollSchedule.interval(
                    for: feed, settings: configuration.settings, suggested: parsed.suggestedInterval
                )
                recordSuccess(&state, now: now, interval: feedInterval)
                guard let storing = store(processed, state: state, of: feed.name, now: now)
                else {
                    processed.count(into: &summary)
                    return state
                }
                error = storing
            } catch let reading {
                error = reading
            }
            // Validators of a body not used (it did not parse, or its items
            // were not stored) must not turn the next poll into a 304 that
            // hides the broken feed or the items it still has to record.
            stories = storiesBefore
            state = attempted
            state.etag = previous?.etag
            state.lastModified = previous?.lastModified
            recordFailure(&state, "\(error)", now: now, interval: interval, retryAfter: nil)
            failure = error
        }
        do {
            try recorder.record([], with: PassCommit(feedStates: [state]), now: now)
        } catch {
            if failure == nil {
                failure = error
            } else {
                logger.error("\(feed.name): cannot record the failure in the state: \(error)")
            }
        }
        if let failure {
            // Said once: here, as it happens; the summary only counts it.
            let line = ShownURL.redactingURLs(in: "\(feed.name): \(failure)")
            logger.error("\(line)")
            summary.failures.append(line)
        }
        return state
    }

    /// Stores one feed's turn in the order that keeps the promises: its
    /// alerts into the log (fsynced) first, then one transaction with its
    /// items marked seen, its alerts indexed and queued, the stories changed
    /// so far and its new state. Returns the error when that fails: then
    /// none of it is stored, and the items stay unseen for the next pass.
    private func store(_ processed: ProcessedFeed, state: FeedState, of feed: String, now: Date)
        -> (any Error)?
    {
        let changedStories = stories.unsavedStories
        let logged: [Alert]
        do {
            // As logged: an alert a mute held back says so.
            logged = try recorder.record(
                processed.alerts,
                with: PassCommit(
                    feed: feed, seenItems: processed.seenItems, stories: changedStories,
                    feedStates: [state], listing: processed.listing),
                now: now, recordedBefore: processed.recordedBefore)
        } catch {
            refusedByLog.note(error)
            return error
        }
        stories.markSaved(changedStories)
        logger.info("\(FeedTurnLog.outcome(of: feed, processed))")
        logged.filter(\.kind.isRaised).forEach(onAlert)
        return nil
    }

    /// Sorts the parsed items into new, changed and unchanged (one read of the
    /// feed's seen items), runs the rules over the new and changed ones, and
    /// makes the alerts, leaving out those already recorded (one question for
    /// all of them). Nothing is stored here.
    private func process(
        _ hashed: HashedFeed, of feed: FeedConfiguration, firstContact: Bool, options: Options,
        now: Date
    ) throws -> ProcessedFeed {
        let parsed = hashed.feed
        let seen = try store.seenItems(feed: feed.name)
        let changes = ItemChanges(items: hashed, seen: seen)
        var processed = ProcessedFeed(
            seenItems: changes.toRecord.map {
                SeenItem(item: $0.item, contentHash: $0.hash, firstSeen: now)
            },
            newItems: changes.new.count, changedItems: changes.changed.count,
            // A feed with no seen items has none to mark absent or present
            // again: its items are recorded present.
            listing: seen.isEmpty ? nil : FeedListing(itemIDs: parsed.items.map(\.id), readAt: now))
        if firstContact && !options.backfill {
            processed.isBaseline = true
            return processed
        }
        let context = FeedContext(name: feed.name, tags: feed.tags)
        let firing: [(item: Item, hits: [RuleHit])] = changes.needingRules.compactMap { item in
            let hits = rules.evaluate(item, feed: context)
            return hits.isEmpty ? nil : (item, hits)
        }
        // An alert's id depends on rule, feed and item only, so every alert
        // the firings could make is known before stories decide which do.
        let recorded = try recorder.recordedAlertIDs(
            among: firing.flatMap { item, hits in
                hits.map { AlertID.make(rule: $0.rule, feed: feed.name, itemID: item.id) }
            })
        if !firing.isEmpty { try holdStoryPlacement(now: now) }
        for (item, hits) in firing {
            try addAlerts(
                firing: hits, on: item, of: feed.name, recorded: recorded, now: now,
                into: &processed)
        }
        return processed
    }

    /// Sends what is due; each problem is logged at once, the counts by the caller.
    private func sendWebhooks(now: Date) -> DeliverySummary {
        let delivery = webhooks.deliverDue(now: now)
        for problem in delivery.problems { logger.warning("\(problem)") }
        return delivery
    }
}
