import Foundation

/// The index of the alert log: where each alert's line is, with the fields
/// the review commands filter on, so they answer at a million alerts without
/// reading the log.
///
/// The alert id is the index's key: an alert is indexed once however often
/// it is committed. Entries are written in the `PassCommit` that marks the
/// alerts' items seen (`indexAlerts` is the shorthand a rebuild uses).
public protocol AlertIndexStore: Sendable {
    /// Which of `alertIDs` are indexed already: the pipeline asks once per
    /// feed for all its candidate alerts, before writing any to the log.
    func recordedAlertIDs(among alertIDs: [String]) throws(StoreError) -> Set<String>

    /// The entry of one alert.
    func alertIndexEntry(alertID: String) throws(StoreError) -> AlertIndexEntry?

    /// The entries matching `filter`, newest first.
    func alerts(matching filter: AlertIndexFilter) throws(StoreError) -> [AlertIndexEntry]

    /// How many alerts match `filter`, its limit ignored.
    func alertCount(matching filter: AlertIndexFilter) throws(StoreError) -> Int

    /// How many alerts match `filter` (its limit ignored), and the counts by
    /// rule, feed, severity, day (`yyyy-MM-dd`, the calendar days of `zone`)
    /// and entity.
    func alertCounts(matching filter: AlertIndexFilter, daysIn zone: TimeZone)
        throws(StoreError) -> AlertCounts

    /// How many alerts the index holds.
    func alertIndexCount() throws(StoreError) -> Int

    /// Whether an indexed alert has `value` in `field`: one lookup on the
    /// field's index, so that a review can refuse a misspelt filter value.
    func alertIndexContains(_ value: String, in field: AlertIndexField) throws(StoreError) -> Bool

    /// The distinct values of `field` among the indexed alerts, sorted (for
    /// a did-you-mean; reads the field's whole index).
    func alertIndexValues(of field: AlertIndexField) throws(StoreError) -> [String]

    /// The indexed line that starts furthest into `logFile` (its offset and
    /// alert id), or nil when none does: lines after it are in the log but
    /// not in the index, as a crash between the two writes leaves them.
    func lastIndexedLine(inLogFile logFile: String) throws(StoreError) -> (
        offset: Int64, alertID: String
    )?

    /// The indexed line furthest into the log (its file, offset and alert
    /// id), or nil when the index is empty: where a catch-up after a crash
    /// starts reading, whichever file the line is in.
    func lastIndexedLine() throws(StoreError) -> (logFile: String, offset: Int64, alertID: String)?

    /// Empties the index, before a rebuild from the log.
    func clearAlertIndex() throws(StoreError)
}

extension AlertIndexStore {
    /// The counts with days in UTC.
    public func alertCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
        try alertCounts(matching: filter, daysIn: AlertDay.utc)
    }
}

/// A field of the alert index that a review filters on by value.
public enum AlertIndexField: String, Sendable, CaseIterable {
    case rule, feed, entity, story
}
