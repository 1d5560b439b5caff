import Foundation

/// A person's mark that an alert has been dealt with (`alerts ack`).
public struct AlertAcknowledgement: Sendable, Equatable {
    public var alertID: String
    public var time: Date
    /// Who acknowledged it (`$USER`), when known.
    public var by: String?
    public var note: String?

    public init(alertID: String, time: Date, by: String? = nil, note: String? = nil) {
        self.alertID = alertID
        self.time = time
        self.by = by
        self.note = note
    }
}

/// Acknowledgements, kept in the state apart from the alert index, so that
/// `alerts reindex` keeps them. They are written beside a running monitor
/// (a store opened `.sideWrites`).
public protocol AlertAcknowledgementStore: Sendable {
    /// Records each acknowledgement, replacing an earlier one of the same alert.
    func acknowledge(_ acknowledgements: [AlertAcknowledgement]) throws(StoreError)

    /// Removes the acknowledgement of `alertID`; whether there was one.
    @discardableResult
    func removeAcknowledgement(alertID: String) throws(StoreError) -> Bool

    /// The acknowledgements of these alerts, by alert id.
    func acknowledgements(alertIDs: [String]) throws(StoreError) -> [String: AlertAcknowledgement]

    /// Every acknowledged alert id (for a review that reads the log itself).
    func acknowledgedAlertIDs() throws(StoreError) -> Set<String>
}
