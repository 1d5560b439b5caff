import Foundation

/// A mute: alerts about an entity, of a rule, or from a feed are logged
/// (marked muted) but sent to no sink until `until`.
public struct Mute: Sendable, Equatable {
    /// What a mute holds back.
    public enum Target: Sendable, Equatable, Hashable {
        /// Alerts naming this entity id (`@id` on the command line).
        case entity(String)
        /// Alerts of this rule id.
        case rule(String)
        /// Alerts from this feed.
        case feed(String)

        /// `entity`, `rule` or `feed`, as stored and shown.
        public var kind: String {
            switch self {
            case .entity: "entity"
            case .rule: "rule"
            case .feed: "feed"
            }
        }

        /// The entity id, rule id or feed name.
        public var name: String {
            switch self {
            case .entity(let name), .rule(let name), .feed(let name): name
            }
        }

        /// The target of stored `kind` and `name`, or nil for an unknown kind.
        public init?(kind: String, name: String) {
            switch kind {
            case "entity": self = .entity(name)
            case "rule": self = .rule(name)
            case "feed": self = .feed(name)
            default: return nil
            }
        }
    }

    public var target: Target
    /// When the mute ends by itself.
    public var until: Date
    public var note: String?
    public var createdAt: Date

    public init(target: Target, until: Date, note: String? = nil, createdAt: Date) {
        self.target = target
        self.until = until
        self.note = note
        self.createdAt = createdAt
    }
}

/// The mutes, kept in the state so that they outlive the process that set them.
public protocol MuteStore: Sendable {
    /// Sets a mute, replacing one on the same target.
    func setMute(_ mute: Mute) throws(StoreError)

    /// The mutes in force at `now` (expired ones are left out), by target.
    func activeMutes(now: Date) throws(StoreError) -> [Mute]

    /// Lifts the mute on `target`. Returns false when there was none.
    @discardableResult
    func removeMute(_ target: Mute.Target) throws(StoreError) -> Bool
}
