/// Reading a whole state out, kind by kind, to copy it into another backend
/// (`feedwatch state migrate`): every record whole, in batches, so that a
/// state of millions of alerts never sits in memory at once.
public protocol StateExport: Sendable {
    /// How many records of `kind` the state holds.
    func recordCount(of kind: StateRecordKind) throws(StoreError) -> Int

    /// Hands every record of `kind` to `body` in batches of at most
    /// `batchSize`, in the order they were written (the alert index and the
    /// outbox in their own order), all read at one moment.
    func exportRecords(
        of kind: StateRecordKind, batchSize: Int,
        to body: (StateRecords) throws(StoreError) -> Void
    ) throws(StoreError)
}

/// Writing a copied state into an empty one, in one transaction: a copy
/// that fails half-way leaves the destination empty, to be copied again.
public protocol StateImport: Sendable {
    /// How many records of `kind` the state holds.
    func recordCount(of kind: StateRecordKind) throws(StoreError) -> Int

    /// Runs `fill` in one transaction, in which each call of its `write`
    /// stores a batch, keeping every column (ids and times included), and
    /// commits when `fill` returns. Returns false, writing nothing, when
    /// the state holds any record already (checked inside the transaction).
    func importRecords(
        _ fill: (_ write: (StateRecords) throws(StoreError) -> Void) throws(StoreError) -> Void
    ) throws(StoreError) -> Bool
}
