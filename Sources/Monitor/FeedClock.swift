import Configuration
import FeedFetcher
import Foundation
import Store

/// Each feed's own due time, for `feedwatch run`: a feed is handed out when
/// its time comes and not again until its result is back, whatever the
/// other feeds are doing. Kept in memory from the states read once at
/// start, then from each result, so that asking what is due costs nothing
/// while nothing is (the fetcher asks between every two transfers).
struct FeedClock {
    private var feeds: [FeedConfiguration]
    private var feedsByName: [String: FeedConfiguration]
    private var states: [String: FeedState]
    private var inFlight: Set<String> = []
    /// Feeds due but leased to another monitor sharing the state: not asked
    /// for again before these times.
    private var heldElsewhere: [String: Date] = [:]
    /// The earliest due time of a feed not in flight; `distantPast` forces a look.
    private(set) var nextDue = Date.distantPast

    init(feeds: [FeedConfiguration], states: [FeedState]) {
        self.feeds = feeds
        feedsByName = Self.byName(feeds)
        self.states = Dictionary(
            states.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var inFlightCount: Int { inFlight.count }

    /// The configured feed of that name; nil once a reload removed it.
    func feed(named name: String) -> FeedConfiguration? { feedsByName[name] }

    func state(of feed: String) -> FeedState? { states[feed] }

    /// The feeds due at `now` and not in flight, marked in flight.
    mutating func takeDue(now: Date) -> [(feed: FeedConfiguration, state: FeedState?)] {
        guard now >= nextDue else { return [] }
        var due: [(feed: FeedConfiguration, state: FeedState?)] = []
        var earliest = Date.distantFuture
        for feed in feeds where !inFlight.contains(feed.name) {
            let state = states[feed.name]
            if let recheck = heldElsewhere[feed.name], recheck > now {
                earliest = min(earliest, recheck)
            } else if PollSchedule.isDue(state, now: now) {
                heldElsewhere[feed.name] = nil
                due.append((feed, state))
                inFlight.insert(feed.name)
            } else if let next = state?.nextPoll, next < earliest {
                earliest = next
            }
        }
        nextDue = earliest
        return due
    }

    /// A feed's result is in: `state` holds its next due time.
    mutating func finished(_ feed: String, state: FeedState) {
        inFlight.remove(feed)
        states[feed] = state
        if let next = state.nextPoll {
            nextDue = min(nextDue, next)
        } else {
            nextDue = .distantPast
        }
    }

    /// A feed handed out and claimed, with its state as stored now: another
    /// monitor sharing the state may have polled it since this clock last did.
    mutating func claimed(_ feed: String, state: FeedState?) {
        if let state { states[feed] = state }
    }

    /// A feed handed out that another monitor sharing the state holds or has
    /// polled: `state` (as stored now) says when it is next due; while it is
    /// still due (the other monitor's turn runs), it is asked for again at `recheck`.
    mutating func heldElsewhere(_ feed: String, state: FeedState?, recheck: Date) {
        inFlight.remove(feed)
        if let state { states[feed] = state }
        heldElsewhere[feed] = recheck
        nextDue = min(nextDue, recheck)
    }

    /// A feed handed out but not polled (its transfer was cancelled, or the
    /// feed left the configuration): due as it was.
    mutating func abandoned(_ feed: String) {
        inFlight.remove(feed)
        nextDue = .distantPast
    }

    /// After a reload: the feeds as now configured. States are kept by name;
    /// `PipelinePass` starts a feed afresh when its address changed.
    mutating func reconfigure(_ feeds: [FeedConfiguration]) {
        self.feeds = feeds
        feedsByName = Self.byName(feeds)
        nextDue = .distantPast
    }

    private static func byName(_ feeds: [FeedConfiguration]) -> [String: FeedConfiguration] {
        Dictionary(feeds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
