import FeedModel
import Foundation
import Store

/// The repair at a start: the index brought in step with the log, and
/// deliveries queued only for what an interrupted pass left unsent.
///
/// Which alerts are owed to sinks follows from where the index ends. A
/// state that has never known the log (new, or deleted and made again)
/// indexes it all and sends nothing: those alerts were sent, or given up,
/// by the state that wrote them. A state that knows the log owes the sinks
/// the alerts written after its last indexed one — the tail an interrupted
/// pass left, in the live file or across a rotation whose rename happened
/// and whose commit did not — and never one older than the delivery expiry.
/// Those it owes are queued as a pass queues them: one message per item and
/// sink, none for a muted alert, held for a sink that takes a digest.
extension AlertRecorder {
    /// What the catch-up found and did.
    public struct CatchUp: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// The index ended where the log does.
            case inStep
            /// The state was new: the whole log was indexed, nothing queued.
            case adopted
            /// Alerts after the last indexed one were indexed, and deliveries queued for them.
            case recovered
            /// The index no longer matched the log: rebuilt from it, nothing queued.
            case rebuilt
        }

        public var kind: Kind
        /// Alerts indexed.
        public var indexed = 0
        /// Messages queued for delivery now: one per item and sink.
        public var queued = 0
        /// Messages held for a sink's digest: one per item and sink.
        public var held = 0
        /// Recovered alerts with sinks that were not queued: older than the delivery expiry.
        public var expired = 0
        /// A rotation whose rename happened before a crash, recorded now.
        public var rotation: LogFileRename?
        /// Lines skipped as corrupt while rebuilding.
        public var corrupt: [AlertLogReader.CorruptLine] = []

        /// The line for the monitor's log, or nil when there is nothing to say.
        public var description: String {
            var line: String
            switch kind {
            case .inStep: return ""
            case .adopted:
                guard indexed > 0 else { return "" }
                line =
                    "the state is new: indexed \(Counted.phrase(indexed, "alert")) already in the log, "
                    + "and queued none of them for sinks"
            case .recovered:
                line =
                    "indexed \(Counted.phrase(indexed, "alert")) written before an interrupted pass, "
                    + "and queued \(Counted.phrase(queued, "message")) for them"
                if held > 0 { line += " and held \(held) for digests" }
                if expired > 0 {
                    line += "; \(expired) were past the delivery expiry and are not sent"
                }
            case .rebuilt:
                line =
                    "the alert index did not match the log: rebuilt it from the log "
                    + "(\(Counted.phrase(indexed, "alert"))), and queued none of them for sinks"
            }
            if let rotation {
                line +=
                    " (the log's rotation from \(rotation.from) to \(rotation.to) is now recorded)"
            }
            return line
        }
    }

    /// Brings the index in step with the log after whatever stopped the last
    /// process. `sinks` gives the sinks of a rule in the current rule set;
    /// `stateIsNew` says the state has no record of any feed, so an empty
    /// index means it has never known this log (rather than that the first
    /// alerts of a state in use were cut off by a crash).
    public func catchUp(
        sinks sinksOfRule: (String) -> [String], stateIsNew: Bool, now: Date = Date()
    ) throws -> CatchUp {
        let files = AlertLogFiles(path: log.path).chronological()
        guard let last = try store.lastIndexedLine() else {
            if stateIsNew {
                let (indexed, corrupt) = try reindex()
                return CatchUp(kind: .adopted, indexed: indexed, corrupt: corrupt)
            }
            return try recover(after: nil, files: files[...], sinks: sinksOfRule, now: now)
        }
        if let index = files.firstIndex(where: { Self.name(of: $0) == last.logFile }),
            try alertID(in: files[index], at: last.offset) == last.alertID
        {
            return try recover(
                after: last.offset, files: files[index...], sinks: sinksOfRule, now: now)
        }
        // The live file was renamed by a rotation and the process stopped
        // before the commit that records it: the entries still name the live
        // file, and their lines are at the same offsets in the newest rotated one.
        let live = Self.name(of: log.path)
        if last.logFile == live, files.count > 1, let newest = files.dropLast().last,
            try alertID(in: newest, at: last.offset) == last.alertID
        {
            let rotation = LogFileRename(from: live, to: Self.name(of: newest))
            // Alone and first: the tail's entries in the new live file must not follow it.
            try store.commit(PassCommit(logRename: rotation))
            var result = try recover(
                after: last.offset, files: files[(files.count - 2)...], sinks: sinksOfRule,
                now: now)
            result.rotation = rotation
            return result
        }
        let (indexed, corrupt) = try reindex()
        return CatchUp(kind: .rebuilt, indexed: indexed, corrupt: corrupt)
    }

    /// A file's name in the log's folder, as index entries give it.
    private static func name(of file: String) -> String {
        URL(fileURLWithPath: file).lastPathComponent
    }

    /// The id of the alert on the line at `offset` of `file`, or nil.
    private func alertID(in file: String, at offset: Int64) throws -> String? {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        return try AlertLogReader(path: log.path).line(in: file, at: offset)?.id
    }

    /// Indexes the alerts after the line at `offset` of the first of `files`
    /// (all of it when nil) and every alert of the files after it, and queues
    /// their deliveries, in one commit.
    private func recover(
        after offset: Int64?, files: ArraySlice<String>, sinks sinksOfRule: (String) -> [String],
        now: Date
    ) throws -> CatchUp {
        let reader = AlertLogReader(path: log.path)
        var lines: [(alert: Alert, position: AlertLogPosition)] = []
        for file in files {
            if file == files.first, let offset {
                lines += try reader.readWithPositions(file: file, startingAt: offset).alerts
                    .dropFirst()
            } else {
                lines += try reader.readWithPositions(file: file, startingAt: 0).alerts
            }
        }
        guard !lines.isEmpty else { return CatchUp(kind: .inStep) }
        var expired = 0
        let notified = lines.map { line -> Notified in
            // A folded report or a muted alert was queued for no sink: recovering it must not send it.
            guard line.alert.kind.isRaised, !line.alert.muted else {
                return Notified(alert: line.alert, sinks: [])
            }
            let sinks = sinksOfRule(line.alert.rule)
            guard line.alert.time.addingTimeInterval(deliveryExpiry) > now else {
                if sinks.contains(where: { $0 != Self.logSinkName }) { expired += 1 }
                return Notified(alert: line.alert, sinks: [])
            }
            return Notified(alert: line.alert, sinks: sinks)
        }
        // Grouped, and held for digests, as the pass that wrote them would have.
        let messages = try messages(for: notified, now: now)
        let timeOfAlert = Dictionary(
            lines.map { ($0.alert.id, $0.alert.time) }, uniquingKeysWith: { first, _ in first })
        // Given up when the alerts' own expiry ends (the earliest, for a
        // message naming several), not a full expiry from now.
        let deliveries = messages.deliveries.map { delivery in
            var delivery = delivery
            if let written = delivery.alertIDs.compactMap({ timeOfAlert[$0] }).min() {
                delivery.expiresAt = written.addingTimeInterval(deliveryExpiry)
            }
            return delivery
        }
        try store.commit(
            PassCommit(
                alertIndexEntries: lines.map { AlertIndexEntry($0.alert, at: $0.position) },
                deliveries: deliveries, digestEntries: messages.digestEntries))
        return CatchUp(
            kind: .recovered, indexed: lines.count, queued: deliveries.count,
            held: messages.digestEntries.count, expired: expired)
    }
}
