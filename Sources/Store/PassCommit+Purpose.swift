import FeedModel

extension PassCommit {
    /// What a commit does, in words, for the message of an error that stops it
    /// ("marking 3 items of feed dawn seen, indexing 1 alert, …").
    public var purpose: String {
        var parts: [String] = []
        if !seenItems.isEmpty {
            parts.append("marking \(Counted.phrase(seenItems.count, "item")) of feed \(feed) seen")
        }
        if !alertIndexEntries.isEmpty {
            parts.append("indexing \(Counted.phrase(alertIndexEntries.count, "alert"))")
        }
        if !deliveries.isEmpty {
            parts.append("queueing \(Counted.phrase(deliveries.count, "delivery"))")
        }
        if !digestEntries.isEmpty {
            parts.append("holding \(Counted.phrase(digestEntries.count, "message")) for digests")
        }
        if !stories.isEmpty { parts.append("saving \(Counted.phrase(stories.count, "story"))") }
        if feedStates.count == 1 {
            parts.append("saving the state of feed \(feedStates[0].name)")
        } else if !feedStates.isEmpty {
            parts.append("saving \(Counted.phrase(feedStates.count, "feed state"))")
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
