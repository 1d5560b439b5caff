/// The settings of story grouping. The defaults were chosen on the
/// development set of the labelled stories (Tests/StoriesTests/Fixtures/set1,
/// dev) and are measured on the others by `stories-benchmark`.
public struct StoryGrouping: Sendable, Equatable {
    /// A report joins the closest story whose score reaches this.
    public var threshold: Double = 0.16
    /// Subtracted from a member's cosine per day between it and the report:
    /// the same place's next attack a day later scores lower than its updates.
    public var decayPerDay: Double = 0.3
    /// Subtracted from a member's cosine when the two name watchlisted
    /// entities and none in common.
    public var otherEntitiesPenalty: Double = 0.05
    /// No story is joined longer than this after its first report, so that a
    /// new attack on the same ministry next month is news.
    public var window: Double = 48 * 3600
    /// Weight factor of the news vocabulary (attack, killed, province…).
    public var newsFactor: Double = 0.3
    /// Jaccard similarity of term sets from which a report of a feed that
    /// already carried the story counts as a near-duplicate of its earlier one.
    public var nearDuplicate: Double = 0.6
    /// Members a story keeps to compare with: the first `keptFirst` (what the
    /// story is) and the most recent (where its wording has drifted to).
    public var maximumMembers = 16
    public var keptFirst = 4
    /// A story whose headlines gave a toll is no candidate for a later
    /// headline giving less than half of it (`DeathToll`).
    public var comparesTolls = true
    /// Whether the days reports say their event happened on (`EventDay`) are
    /// compared: off, reports are placed by their publication times alone.
    public var readsEventDays = true
    /// The most time the decay counts between two reports that name one day
    /// for their event.
    public var sameDayDistance: Double = 9 * 3600
    /// Terms kept per member.
    public var maximumTerms = 48

    public init() {}
}
