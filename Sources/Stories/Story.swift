import Foundation

extension StoryIndex {
    /// A story: reports of one incident, from one or more feeds.
    public struct Story: Sendable, Equatable {
        public var id: String
        public var firstSeen: Date
        public var lastSeen: Date
        /// The feeds that carried it.
        public var feeds: Set<String>
        /// Every watchlisted entity any of its reports named.
        public var entities: Set<String>
        /// Rules that already alerted on it.
        public var alertedRules: Set<String>
        /// Rules that already raised their escalation on it.
        public var escalatedRules: Set<String>
        /// The reports a new one is held against (bounded, see `StoryGrouping`).
        public var members: [Member]
        public var changed: Bool

        public init(
            id: String, firstSeen: Date, lastSeen: Date, feeds: Set<String>,
            entities: Set<String>, alertedRules: Set<String> = [], escalatedRules: Set<String> = [],
            members: [Member] = [], changed: Bool = false
        ) {
            self.id = id
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.feeds = feeds
            self.entities = entities
            self.alertedRules = alertedRules
            self.escalatedRules = escalatedRules
            self.members = members
            self.changed = changed
        }

        /// How many feeds carried the story.
        public var sources: Int { feeds.count }

        /// One report kept for comparison: its feed, time, headline reading and terms.
        public struct Member: Sendable, Equatable, Codable {
            public var feed: String
            public var time: Date
            public var event: EventKind.Reading
            /// The number of dead its headline gives (`DeathToll`).
            public var toll: Int?
            /// The day its text says the event happened (`EventDay`); nil in
            /// stories saved before it was read.
            public var eventDay: Int?
            public var vector: TermVector

            public init(
                feed: String, time: Date, event: EventKind.Reading, toll: Int? = nil,
                eventDay: Int? = nil, vector: TermVector
            ) {
                self.feed = feed
                self.time = time
                self.event = event
                self.toll = toll
                self.eventDay = eventDay
                self.vector = vector
            }

            /// Whether the two headlines tell different events by their tolls:
            /// the later gives less than half the dead of the earlier.
            func tollConflicts(with other: Member) -> Bool {
                time <= other.time
                    ? DeathToll.conflicts(earlier: toll, later: other.toll)
                    : DeathToll.conflicts(earlier: other.toll, later: toll)
            }

            /// The time between the two that the score decays with: between
            /// their reports, at most `sameDay` when both name one day for
            /// their event (a government's toll the next morning, an
            /// explainer two days on, are of the event's day; two events of
            /// one day in one town are still hours apart).
            func distance(to other: Member, sameDay: TimeInterval) -> TimeInterval {
                let reports = abs(time.timeIntervalSince(other.time))
                guard let eventDay, eventDay == other.eventDay else { return reports }
                return min(reports, sameDay)
            }
        }

        mutating func join(_ member: Member, entities: Set<String>, grouping: StoryGrouping) {
            feeds.insert(member.feed)
            self.entities.formUnion(entities)
            lastSeen = max(lastSeen, member.time)
            members.append(member)
            if members.count > grouping.maximumMembers {
                // Keep what the story is and where its wording went: drop the
                // oldest member after the first ones.
                members.remove(at: min(grouping.keptFirst, members.count - 1))
            }
            changed = true
        }
    }
}
