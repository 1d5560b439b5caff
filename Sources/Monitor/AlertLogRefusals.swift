import AlertLog
import FeedModel

/// The feeds whose alerts the log refused (a full disk, an I/O error) since
/// they were last told: each feed counts as failed on its own, and this
/// makes one problem of them that names the file, instead of a hundred
/// lines that say the same.
struct AlertLogRefusals {
    private var feeds = 0
    private var first: AlertLogError?

    /// Counts `error` when it is the log's.
    mutating func note(_ error: any Error) {
        guard let refusal = error as? AlertLogError else { return }
        feeds += 1
        if first == nil { first = refusal }
    }

    /// The problem to report, if any, out of `polled` feeds; starts counting afresh.
    mutating func take(ofFeeds polled: Int) -> [String] {
        defer { self = AlertLogRefusals() }
        guard let first else { return [] }
        return [
            "alerting: \(first.path): the alerts of \(feeds) of \(Counted.phrase(polled, "feed")) could not be written "
                + "(\(first.message)); their items stay unseen and are read again"
        ]
    }
}
