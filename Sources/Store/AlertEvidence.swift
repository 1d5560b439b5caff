/// What an alert was raised on, kept with the alert in the state: the rule's
/// title and `match` as they were then, and the item's title and text as the
/// rule read them. The archive that `replay` reads is pruned by age; this
/// copy stays as long as the alert's index entry, so `alerts show` can
/// highlight the evidence long after.
public struct AlertEvidence: Sendable, Equatable, Codable {
    public var alertID: String
    /// The rule's title, or nil when the recorder did not know the rule.
    public var ruleTitle: String?
    /// The rule's `match` query as written.
    public var ruleMatch: String?
    /// The item's title, summary and content as plain text.
    public var title: String
    public var summary: String
    public var content: String

    public init(
        alertID: String, ruleTitle: String? = nil, ruleMatch: String? = nil, title: String,
        summary: String, content: String
    ) {
        self.alertID = alertID
        self.ruleTitle = ruleTitle
        self.ruleMatch = ruleMatch
        self.title = title
        self.summary = summary
        self.content = content
    }
}

/// The evidence copies of alerts. Written in the `PassCommit` that indexes
/// the alert, once: a later commit of the same alert keeps the first copy.
/// `alerts reindex` leaves them alone.
public protocol AlertEvidenceStore: Sendable {
    /// The evidence of one alert, if it was kept.
    func evidence(alertID: String) throws(StoreError) -> AlertEvidence?
}
