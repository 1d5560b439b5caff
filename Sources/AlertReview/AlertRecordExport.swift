import AlertLog
import Foundation
import Store

/// The whole alert record, oldest first, as the log's own lines
/// (`feedwatch alerts export --jsonl`): the state's index says which alerts
/// there are and in what order, whatever the backend; each line is copied
/// from the log byte for byte. Without an index (a log never indexed) the
/// log's files are read in order.
public struct AlertRecordExport {
    let search: AlertSearch
    /// Index entries read per query: memory stays bounded at any size of record.
    let pageSize: Int

    public init(search: AlertSearch, pageSize: Int = 1000) {
        self.search = search
        self.pageSize = max(1, pageSize)
    }

    /// Hands each alert's line (without its newline) to `write`, oldest
    /// first, and returns the alerts that could not be exported: corrupt
    /// lines of the log, or index entries whose line is not their alert.
    public func export(to write: (Data) throws -> Void) throws -> [AlertLogReader.CorruptLine] {
        guard let index = search.index else { return try exportLog(to: write) }
        var problems: [AlertLogReader.CorruptLine] = []
        var page = AlertIndexFilter(limit: pageSize)
        page.oldestFirst = true
        // Paging forward by time: the alerts at the page's last time that
        // were written already are skipped when the next page starts there.
        var writtenAtLastTime: Set<String> = []
        while true {
            let entries = try index.alerts(matching: page)
            let fresh = entries.filter { !writtenAtLastTime.contains($0.alertID) }
            for entry in fresh {
                if let line = try line(of: entry) {
                    try write(line)
                } else {
                    problems.append(search.staleEntry(entry))
                }
            }
            guard entries.count == page.limit, let last = entries.last else { break }
            let atLast = entries.filter { $0.time == last.time }.map(\.alertID)
            if page.since == last.time {
                // A whole page of one time: the next page is larger, not later.
                writtenAtLastTime.formUnion(atLast)
                page.limit = (page.limit ?? pageSize) * 2
            } else {
                writtenAtLastTime = Set(atLast)
                page.since = last.time
                page.limit = pageSize + atLast.count
            }
        }
        return problems
    }

    /// The line an index entry points at, when it is that alert's.
    private func line(of entry: AlertIndexEntry) throws -> Data? {
        let file = search.logFile(named: entry.logFile)
        let reader = AlertLogReader(path: search.logPath)
        let line = try reader.rawLine(in: file, at: entry.byteOffset)
        let alert = try? AlertLogFormat.makeDecoder().decode(Alert.self, from: line)
        return alert?.id == entry.alertID ? line : nil
    }

    /// Every valid line of the log's files, oldest file first.
    private func exportLog(to write: (Data) throws -> Void) throws -> [AlertLogReader.CorruptLine] {
        let reader = AlertLogReader(path: search.logPath)
        var problems: [AlertLogReader.CorruptLine] = []
        for file in AlertLogFiles(path: search.logPath).chronological() {
            let (alerts, corrupt) = try reader.readWithPositions(file: file, startingAt: 0)
            problems += corrupt
            for (_, position) in alerts {
                try write(try reader.rawLine(in: file, at: position.offset))
            }
        }
        return problems
    }
}
