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
    let store: StateStore
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
    private var stories = StoryIndex()

    /// - Parameter webhooks: the dispatcher of a long-running service, whose
    ///   idle connections outlive the pass; nil makes one for this pass.
    public init(
        configuration: ConfigurationFile, rules: RuleSet, store: StateStore,
        alertLog: AlertLogWriter,
        fetcher: FeedFetcher, webhooks: WebhookDispatcher? = nil, logger: Logger,
        onAlert: @escaping (Alert) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.rules = rules
        self.store = store
        self.recorder = AlertRecorder(
            log: alertLog, store: store, composer: WebhookComposer(sinks: configuration.sinks))
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
    /// that nothing alerts twice; run once before the first pass of a process.
    public func recoverAfterCrash() {
        do {
            let sinksOfRule = Dictionary(
                rules.rules.map { ($0.id, $0.notify) }, uniquingKeysWith: { first, _ in first })
            let recovered = try recorder.catchUp(sinks: { sinksOfRule[$0] ?? [] })
            if recovered > 0 {
                logger.notice("indexed \(recovered) alerts written before an interrupted pass")
            }
        } catch {
            logger.error("cannot check the alert index against the log: \(error)")
        }
    }

    /// Polls the due feeds (all with `options.all`) and returns what happened.
    /// `now` is the pass's clock: due times, records and health all read it.
    public func run(
        options: Options, now: Date = Date(), cancellation: FetchCancellation? = nil
    ) -> PassSummary {
        let started = Date()
        var summary = PassSummary()
        do {
            stories = try StoryIndex.load(from: store, now: now)
        } catch {
            // Without the stories every report alerts on its own: noisier, never silent.
            logger.error("cannot load recent stories: \(error)")
            stories = StoryIndex()
        }
        var previousStates: [String: FeedState] = [:]
        var feedsByName: [String: FeedConfiguration] = [:]
        var requests: [FeedRequest] = []
        for feed in configuration.feeds {
            let state: FeedState?
            do {
                state = try store.feedState(name: feed.name)
            } catch {
                summary.failures.append("\(feed.name): \(error)")
                continue
            }
            guard options.all || PollSchedule.isDue(state, now: now) else { continue }
            previousStates[feed.name] = state
            feedsByName[feed.name] = feed
            requests.append(
                FeedRequest(
                    feedName: feed.name, url: Self.currentURL(of: feed, state: state),
                    conditional: ConditionalRequest(
                        etag: state?.etag, lastModified: state?.lastModified)))
        }
        summary.feedsPolled = requests.count
        // Deliveries left from earlier passes (a receiver that was down) go first.
        sendWebhooks(now: now)
        fetcher.fetch(requests, cancellation: cancellation) { result in
            guard let feed = feedsByName[result.request.feedName] else { return }
            // A transfer cancelled before it started (the monitor is stopping)
            // leaves the feed as it was: due, not failing.
            if case .failed(.cancelled) = result.outcome {
                summary.feedsPolled -= 1
                return
            }
            refresh(
                feed, with: result, previous: previousStates[feed.name], options: options,
                now: now, summary: &summary)
            summary.feedsDone += 1
            onProgress(summary, requests.count)
        }
        checkHealth(now: now, summary: &summary)
        // This pass's alerts go now, not at the next cron run.
        sendWebhooks(now: Date())
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Where a feed lives now: where a permanent redirect moved it, unless
    /// the configuration has since been edited to another address.
    static func currentURL(of feed: FeedConfiguration, state: FeedState?) -> URL {
        guard let state, state.url == feed.url.absoluteString, let moved = state.movedTo,
            let url = URL(string: moved)
        else { return feed.url }
        return url
    }

    /// Everything that follows the fetch of one feed, in the order that keeps
    /// the promises: alerts are in the log before their items are marked seen.
    private func refresh(
        _ feed: FeedConfiguration, with result: FetchResult, previous: FeedState?, options: Options,
        now: Date, summary: inout PassSummary
    ) {
        var state = previous ?? FeedState(name: feed.name, url: feed.url.absoluteString)
        if state.url != feed.url.absoluteString {
            // The configuration now names another address: what was learnt
            // about the old one (validators, a move) no longer applies.
            state = FeedState(name: feed.name, url: feed.url.absoluteString)
        }
        state.lastAttempt = now
        state.lastDuration = result.elapsed
        state.lastBytes = result.bytesReceived
        let interval = PollSchedule.interval(
            for: feed, settings: configuration.settings, suggested: nil)

        switch result.outcome {
        case .notModified(let status):
            summary.feedsNotModified += 1
            state.lastStatus = status
            recordSuccess(&state, now: now, interval: interval)
        case .failed(let error):
            state.lastStatus = result.status
            let retryAfter = error.retryAfter
            state.retryAfter = retryAfter.map { now.addingTimeInterval($0) }
            recordFailure(&state, "\(error)", now: now, interval: interval, retryAfter: retryAfter)
            summary.failures.append("\(feed.name): \(error)")
        case .fetched(let body):
            state.lastStatus = body.status
            state.etag = body.conditional.etag
            state.lastModified = body.conditional.lastModified
            if let moved = body.movedPermanently, moved.absoluteString != state.movedTo {
                state.movedTo = moved.absoluteString
                logger.notice(
                    "\(feed.name) moved permanently to \(moved); polling the new address (update feeds.conf)"
                )
            }
            do {
                let parsed = try FeedParser.parse(
                    body.bytes, contentType: body.contentType, baseURL: body.effectiveURL)
                // Repairs recur on every changed body of the same feed (most
                // real feeds carry an &nbsp; or a bad date): info, not warning,
                // so they do not drown the notices; `feedwatch parse URL` shows them.
                for warning in parsed.warnings {
                    logger.info("\(feed.name): \(warning)", metadata: ["url": "\(feed.url)"])
                }
                // First contact is the first body ever read: a feed whose first
                // polls failed still gets its silent baseline, not a flood.
                let fresh = try process(
                    parsed, of: feed, firstContact: previous?.lastSuccess == nil, options: options,
                    now: now, summary: &summary)
                if fresh > 0 { state.lastNewItem = now }
                summary.feedsFetched += 1
                state.itemCount = parsed.items.count
                let feedInterval = PollSchedule.interval(
                    for: feed, settings: configuration.settings, suggested: parsed.suggestedInterval
                )
                recordSuccess(&state, now: now, interval: feedInterval)
            } catch {
                // Validators of a body we could not use must not turn the
                // next poll into a 304 that hides the broken feed.
                state.etag = previous?.etag
                state.lastModified = previous?.lastModified
                recordFailure(&state, "\(error)", now: now, interval: interval, retryAfter: nil)
                summary.failures.append("\(feed.name): \(error)")
            }
        }
        do {
            try store.saveFeedState(state)
        } catch {
            summary.failures.append("\(feed.name): \(error)")
        }
    }

    /// Runs the rules over the new and changed items, logs the alerts, then
    /// marks the items seen. Returns how many items were new.
    private func process(
        _ parsed: Feed, of feed: FeedConfiguration, firstContact: Bool, options: Options,
        now: Date, summary: inout PassSummary
    ) throws -> Int {
        let seen = try store.seenItems(feed: feed.name)
        let changes = ItemChanges(items: parsed.items, seen: seen)
        let toRecord = changes.toRecord.map {
            SeenItem(item: $0, contentHash: ContentHash.of($0), firstSeen: now)
        }
        if firstContact && !options.backfill {
            try recorder.record([], markingSeen: toRecord, feed: feed.name, now: now)
            summary.baselineItems += toRecord.count
            logger.info(
                "\(feed.name): first contact, \(toRecord.count) items recorded without alerting")
            return changes.new.count
        }
        summary.newItems += changes.new.count
        summary.changedItems += changes.changed.count

        let context = FeedContext(name: feed.name, tags: feed.tags)
        var notified: [AlertRecorder.Notified] = []
        for item in changes.needingRules {
            let hits = rules.evaluate(item, feed: context)
            guard !hits.isEmpty else { continue }
            let placement = stories.place(item, of: feed.name, firing: hits, at: now)
            for hit in hits {
                guard
                    stories.shouldAlert(
                        rule: hit.rule, placement: placement, notifyEach: hit.notifyEach)
                else {
                    summary.joinedStories += 1
                    continue
                }
                let alert = AlertBuilder.alert(
                    for: hit, item: item, feed: feed.name, story: placement.storyID,
                    sources: stories.sources(of: placement.storyID), time: now)
                // A changed item that fires the same rule again is the same alert.
                guard try !recorder.isRecorded(alert.id) else { continue }
                stories.recordAlert(rule: hit.rule, storyID: placement.storyID)
                notified.append(AlertRecorder.Notified(alert: alert, sinks: hit.notify))
            }
        }
        try recorder.record(notified, markingSeen: toRecord, feed: feed.name, now: now)
        do {
            try stories.saveChanges(to: store)
        } catch {
            logger.error("cannot save stories: \(error)")
        }
        summary.alerts += notified.count
        notified.forEach { onAlert($0.alert) }
        return changes.new.count
    }

    private func sendWebhooks(now: Date) {
        let delivery = webhooks.deliverDue(now: now)
        if !delivery.isQuiet { logger.notice("\(delivery.line)") }
        for problem in delivery.problems { logger.warning("\(problem)") }
    }

    /// Raises feed-health alerts for feeds that went dark or came back.
    private func checkHealth(now: Date, summary: inout PassSummary) {
        do {
            let (alerts, states) = FeedHealthAlerts(configuration: configuration).check(
                try store.allFeedStates(), now: now)
            guard !alerts.isEmpty else { return }
            let fresh = try alerts.filter { try !recorder.isRecorded($0.alert.id) }
            try recorder.record(fresh, markingSeen: [], feed: "", now: now)
            for state in states { try store.saveFeedState(state) }
            summary.alerts += fresh.count
            fresh.forEach { onAlert($0.alert) }
        } catch {
            summary.failures.append("feed health: \(error)")
        }
    }

    private func recordSuccess(_ state: inout FeedState, now: Date, interval: TimeInterval) {
        state.lastSuccess = now
        state.lastError = nil
        state.consecutiveFailures = 0
        state.failingSince = nil
        state.nextPoll = PollSchedule.nextPoll(after: now, interval: interval, feedName: state.name)
    }

    private func recordFailure(
        _ state: inout FeedState, _ message: String, now: Date, interval: TimeInterval,
        retryAfter: TimeInterval?
    ) {
        state.lastError = message
        state.consecutiveFailures += 1
        if state.failingSince == nil { state.failingSince = now }
        state.nextPoll = PollSchedule.retry(
            after: now, interval: interval, failures: state.consecutiveFailures,
            retryAfter: retryAfter)
        logger.warning("\(message)", metadata: ["feed": "\(state.name)"])
    }
}
