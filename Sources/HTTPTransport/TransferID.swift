/// Names one request started in a `TransferGroup`, so its result can be
/// matched to whatever the caller keeps for it. A number, never a handle.
public struct TransferID: Hashable, Sendable {
    let number: Int
}
