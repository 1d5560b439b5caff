extension PassCommit {
    /// What a commit does, in words, for the message of an error that stops it
    /// ("marking 3 items of feed dawn seen, indexing 1 alerts, …").
    public var purpose: String {
        var parts: [String] = []
        if !seenItems.isEmpty {
            parts.append("marking \(seenItems.count) items of feed \(feed) seen")
        }
        if !alertIndexEntries.isEmpty {
            parts.append("indexing \(alertIndexEntries.count) alerts")
        }
        if !deliveries.isEmpty { parts.append("queueing \(deliveries.count) deliveries") }
        if !digestEntries.isEmpty {
            parts.append("holding \(digestEntries.count) messages for digests")
        }
        if !stories.isEmpty { parts.append("saving \(stories.count) stories") }
        if feedStates.count == 1 {
            parts.append("saving the state of feed \(feedStates[0].name)")
        } else if !feedStates.isEmpty {
            parts.append("saving \(feedStates.count) feed states")
        }
        if let logRename {
            parts.append("moving index entries from \(logRename.from) to \(logRename.to)")
        }
        if listing != nil, seenItems.isEmpty {
            parts.append("noting which items feed \(feed) still lists")
        }
        return parts.joined(separator: ", ")
    }
}
