import AlertLog
import Dispatch
import FeedFetcher
import FeedModel
import Foundation
import Logging
import Store
import Webhooks

/// `feedwatch run`: passes over the due feeds for as long as the process lives.
///
/// SIGHUP, or an edit of feeds.conf or a rules file, reloads both; a reload
/// with errors keeps the previous set and logs why. SIGINT/SIGTERM let the
/// pass in flight finish (its alerts logged, its items marked seen) and then
/// return, so that nothing already collected is lost.
public final class MonitorService: Sendable {
    /// How often the service looks for due feeds and edited files.
    public static let tick: TimeInterval = 5

    private let configPath: String
    private let rulesDirectory: URL
    private let userAgent: String
    /// Keys the compiled rules kept beside the state (`ConfigurationAndRules.load`).
    private let programVersion: String?
    private let logger: Logger
    private let onAlert: @Sendable (Alert) -> Void
    // Written by the signal queue, read by the pass loop.
    private let signals = SignalFlags()

    public init(
        configPath: String, rulesDirectory: URL, userAgent: String, programVersion: String? = nil,
        logger: Logger, onAlert: @escaping @Sendable (Alert) -> Void = { _ in }
    ) {
        self.configPath = configPath
        self.rulesDirectory = rulesDirectory
        self.userAgent = userAgent
        self.programVersion = programVersion
        self.logger = logger
        self.onAlert = onAlert
    }

    /// Runs until SIGINT or SIGTERM. `setup` is the already validated start state.
    ///
    /// Each feed is polled on its own clock: a feed is fetched when it is
    /// due, whatever the others are doing, and a feed that hangs holds one
    /// transfer slot until its timeout, never the monitor. Webhooks are sent
    /// beside polling (`DeliveryLoop`), so a slow receiver never delays a feed.
    public func run(
        setup initial: ConfigurationAndRules, store: any StateStore, alertLog: AlertLogWriter,
        backfill: Bool
    ) {
        var setup = initial
        var watcher = ReloadWatcher(configPath: configPath, rulesDirectory: rulesDirectory)
        let sources = installSignalHandlers()
        defer { sources.forEach { $0.cancel() } }
        logger.notice(
            "monitoring \(Counted.phrase(setup.configuration.feeds.count, "feed")) with \(Counted.phrase(setup.rules.rules.count, "rule"))"
        )
        let deliveries = DeliveryLoop(
            dispatcher: makeDispatcher(setup, store: store), interval: Self.tick, logger: logger)
        deliveries.start()
        var clock = FeedClock(feeds: setup.configuration.feeds, states: initialStates(store))
        let context = MonitorSession.Context(
            store: store, alertLog: alertLog, deliveries: deliveries, signals: signals,
            logger: logger, backfill: backfill, housekeepingInterval: Self.tick,
            healthInterval: Self.healthInterval, onAlert: onAlert,
            reload: { [self] in reloaded() },
            makeDispatcher: { [self] in makeDispatcher($0, store: store) })
        var recovered = false
        // Due at start when a day has passed since the last prune, then daily.
        var retention = RetentionInSteps()
        while !signals.stopRequested {
            // One fetcher per session: its handles keep their connections
            // (and TLS sessions) from one poll to the next.
            let fetcher = FeedFetcher(
                options: setup.fetchOptions(userAgent: userAgent),
                sharedHostSlots: StoreHostSlots(store: store, logger: logger))
            let session = MonitorSession(
                setup: setup, clock: clock, watcher: watcher, fetcher: fetcher,
                retention: retention, context: context)
            if !recovered {
                session.recoverAfterCrash()
                recovered = true
            }
            session.run()
            setup = session.setup
            clock = session.clock
            clock.reconfigure(setup.configuration.feeds)
            watcher = session.reloadWatcher
            retention = session.retention
            if let reason = session.restartBecause {
                logger.notice("restarting the fetcher: \(reason)")
            }
        }
        deliveries.stop()
        logger.notice("stopped: the transfers in flight finished and their alerts are on disk")
    }

    /// How often feeds are checked for having gone dark.
    static let healthInterval: TimeInterval = 60

    /// Every feed's state, read once; each result keeps it current after.
    private func initialStates(_ store: any StateStore) -> [FeedState] {
        do {
            return try store.allFeedStates()
        } catch {
            // Every feed is then due: polled now, its state written afresh.
            logger.error("cannot read the feeds' states: \(error)")
            return []
        }
    }

    private func makeDispatcher(_ setup: ConfigurationAndRules, store: any StateStore)
        -> WebhookDispatcher
    {
        WebhookDispatcher(store: store, sinks: setup.configuration.sinks, userAgent: userAgent)
    }

    /// The configuration and rules as now written; nil when refused.
    private func reloaded() -> ConfigurationAndRules? {
        do {
            let next = try ConfigurationAndRules.load(
                configPath: configPath, rulesDirectory: rulesDirectory,
                programVersion: programVersion)
            next.logRulesCache(to: logger)
            logger.notice(
                "reloaded: \(Counted.phrase(next.configuration.feeds.count, "feed")), \(Counted.phrase(next.rules.rules.count, "rule"))"
            )
            return next
        } catch {
            logger.error("reload refused, keeping the previous configuration and rules:\n\(error)")
            return nil
        }
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "feedwatch.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, action) in [
            (SIGINT, SignalFlags.Action.stop), (SIGTERM, .stop), (SIGHUP, .reload),
        ] {
            // The default disposition would kill the process before the pass can finish.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let flags = signals
            source.setEventHandler { flags.raise(action) }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}

/// Requests from signal handlers to the pass loop, guarded by a condition
/// variable so that a stop wakes the loop from its wait at once.
///
/// `@unchecked Sendable`: `stop` and `reload` are only touched with `condition` locked.
final class SignalFlags: @unchecked Sendable {
    enum Action { case stop, reload }

    private let condition = NSCondition()
    private var stop = false
    private var reload = false

    var stopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stop
    }

    func raise(_ action: Action) {
        condition.lock()
        switch action {
        case .stop:
            stop = true
        case .reload: reload = true
        }
        condition.broadcast()
        condition.unlock()
    }

    /// A reload was asked for and not yet taken.
    var hasReloadRequest: Bool {
        condition.lock()
        defer { condition.unlock() }
        return reload
    }

    func takeReloadRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let requested = reload
        reload = false
        return requested
    }

    /// Sleeps up to `seconds`, waking early for any signal.
    func wait(seconds: TimeInterval) {
        condition.lock()
        defer { condition.unlock() }
        if !stop && !reload {
            _ = condition.wait(until: Date().addingTimeInterval(seconds))
        }
    }
}
