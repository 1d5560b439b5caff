import Store

extension Mute.Target {
    /// Whether a mute on this target holds `alert` back from its sinks.
    public func holdsBack(_ alert: Alert) -> Bool {
        switch self {
        case .entity(let id): alert.entities.contains(id)
        case .rule(let id): alert.rule == id
        case .feed(let name): alert.feed == name
        }
    }
}
