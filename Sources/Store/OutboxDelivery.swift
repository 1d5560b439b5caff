import Foundation

/// A delivery to queue: one message for one sink, naming one alert or
/// several (the rules that fired on one item in one pass, or a digest).
public struct NewDelivery: Sendable, Equatable {
    /// The message's stable key, sent as the `Idempotency-Key`: the alert's
    /// id when the message names one alert, a key derived from all of them otherwise.
    public var alertID: String
    /// Every alert the message names, so that each finds its deliveries.
    public var alertIDs: [String]
    public var sink: String
    /// The request body, exactly as it will be sent.
    public var payload: Data
    /// When the first attempt is due (usually now).
    public var firstAttempt: Date
    /// After this the delivery is given up as dead.
    public var expiresAt: Date
    public var createdAt: Date

    public init(
        alertID: String, sink: String, payload: Data, firstAttempt: Date, expiresAt: Date,
        createdAt: Date? = nil, alertIDs: [String]? = nil
    ) {
        self.alertID = alertID
        self.alertIDs = alertIDs ?? [alertID]
        self.sink = sink
        self.payload = payload
        self.firstAttempt = firstAttempt
        self.expiresAt = expiresAt
        self.createdAt = createdAt ?? firstAttempt
    }
}

/// A delivery in the outbox, as stored.
public struct OutboxDelivery: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// The message's key, sent as the `Idempotency-Key` (see `NewDelivery.alertID`).
    public var alertID: String
    public var sink: String
    public var payload: Data
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttempt: Date
    public var expiresAt: Date
    public var status: DeliveryStatus
    /// What the last failed attempt (or the reason for giving up) said.
    public var lastError: String?
    public var createdAt: Date
    /// When it was delivered or given up.
    public var finishedAt: Date?

    public init(
        id: Int64, alertID: String, sink: String, payload: Data, attempts: Int, nextAttempt: Date,
        expiresAt: Date, status: DeliveryStatus, lastError: String? = nil, createdAt: Date,
        finishedAt: Date? = nil
    ) {
        self.id = id
        self.alertID = alertID
        self.sink = sink
        self.payload = payload
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.expiresAt = expiresAt
        self.status = status
        self.lastError = lastError
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// Where a delivery stands.
public enum DeliveryStatus: String, Sendable, Equatable, CaseIterable {
    /// Waiting for its next attempt.
    case pending
    /// The receiver accepted it.
    case delivered
    /// Given up: expired, or refused with a 4xx.
    case dead
}
