/// The first key of the two-key advisory locks the store takes, one class
/// per purpose, so that the locks of one purpose never collide with another's;
/// the second key is the hash (`hashtext`) of what is locked. Two-key locks
/// never collide with the one-key migration lock: PostgreSQL keeps the two
/// forms apart.
enum AdvisoryLockClass {
    /// A sink's outbox queue, while a sender claims from it.
    static let outboxSink: Int32 = 0x6677_6F00  // "fwo"
    /// All story placement (see `StoryPlacementLock` for why one lock).
    static let storyPlacement: Int32 = 0x6677_7300  // "fws"
    /// Slot 0 of a host's politeness cap; slot n is this plus n.
    static let hostSlot: Int32 = 0x6677_6800  // "fwh"
    /// Host slots per host at most: `hostSlot` plus this stays below the next class.
    static let hostSlotsAtMost = 0x100
}
