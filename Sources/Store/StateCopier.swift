/// Copies a whole state from one backend into an empty other, over
/// `StateExport` and `StateImport`, and counts both sides afterwards: the
/// copy behind `feedwatch state migrate`.
public enum StateCopier {
    /// The records of one kind on each side, counted after the copy.
    public struct KindCount: Sendable, Equatable {
        public var kind: StateRecordKind
        public var source: Int
        public var destination: Int

        public init(kind: StateRecordKind, source: Int, destination: Int) {
            self.kind = kind
            self.source = source
            self.destination = destination
        }
    }

    /// Why a copy did not happen.
    public enum Failure: Error, Equatable {
        /// The destination holds records already: a copy goes into an empty state only.
        case destinationNotEmpty
        case store(StoreError)
    }

    /// Copies every kind, in batches of `batchSize`, in one transaction of
    /// the destination, then counts each kind on both sides (equal counts
    /// for a good copy). `progress` hears each kind as it is done, with the
    /// records written.
    public static func copy(
        from source: any StateExport, into destination: any StateImport, batchSize: Int = 1000,
        progress: (StateRecordKind, Int) -> Void = { _, _ in }
    ) throws(Failure) -> [KindCount] {
        let copied: Bool
        do {
            copied = try destination.importRecords { write throws(StoreError) in
                for kind in StateRecordKind.allCases {
                    var written = 0
                    try source.exportRecords(of: kind, batchSize: max(1, batchSize)) {
                        records throws(StoreError) in
                        try write(records)
                        written += records.count
                    }
                    progress(kind, written)
                }
            }
        } catch {
            throw .store(error)
        }
        guard copied else { throw .destinationNotEmpty }
        do {
            return try counts(source, destination)
        } catch {
            throw .store(error)
        }
    }

    private static func counts(_ source: any StateExport, _ destination: any StateImport)
        throws(StoreError) -> [KindCount]
    {
        var counts: [KindCount] = []
        for kind in StateRecordKind.allCases {
            counts.append(
                KindCount(
                    kind: kind, source: try source.recordCount(of: kind),
                    destination: try destination.recordCount(of: kind)))
        }
        return counts
    }
}
