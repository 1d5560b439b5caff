/// Transfer groups between fetch passes, kept so the next pass reuses their
/// open connections, DNS cache and TLS sessions instead of starting cold.
///
/// Sendable: it holds a lock-guarded pool; a group is taken out by one
/// thread, driven, and put back, never shared.
public final class TransferGroupPool: Sendable {
    private let idle: CurlHandlePool<TransferGroup>
    private let options: TransferOptions
    private let maxTotalConnections: Int
    private let maxHostConnections: Int

    /// Groups made here follow `options` and the connection limits (see
    /// `TransferGroup.init`); at most `capacity` idle ones are kept.
    public init(
        capacity: Int, options: TransferOptions, maxTotalConnections: Int, maxHostConnections: Int
    ) {
        idle = CurlHandlePool(capacity: capacity)
        self.options = options
        self.maxTotalConnections = maxTotalConnections
        self.maxHostConnections = maxHostConnections
    }

    /// An idle group, or a new one.
    public func take() throws(TransferGroup.Failure) -> TransferGroup {
        try idle.take { () throws(TransferGroup.Failure) in
            try TransferGroup(
                options: options, maxTotalConnections: maxTotalConnections,
                maxHostConnections: maxHostConnections)
        }
    }

    /// Hands back a group with no request in flight.
    public func putBack(_ group: TransferGroup) {
        guard group.runningCount == 0 else { return }
        idle.putBack(group)
    }
}
