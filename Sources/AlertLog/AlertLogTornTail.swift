import FeedModel
import Foundation

/// A last line without its end of line, found when the log was opened: what
/// a write cut short leaves (the process killed mid-append, a power cut, a
/// failed append whose cut-back failed too). It was moved to `tornFile` and
/// the live file cut back to its last complete record, so that the next
/// append starts on a line of its own.
///
/// The torn line's alert was never recorded in the state (the store commits
/// only after an append is on disk), so its item is still unseen and the next
/// pass writes the alert again, whole.
public struct AlertLogTornTail: Sendable, Equatable, CustomStringConvertible {
    /// The live file.
    public var path: String
    /// Where the torn line started: the live file's size now.
    public var offset: Int64
    /// How many bytes the torn line had.
    public var bytes: Int
    /// Where they were moved (`alerts.jsonl.torn`, appended to, one line per tail).
    public var tornFile: String

    public var description: String {
        "alerting: \(path): its last line was torn (\(Counted.phrase(bytes, "byte")) from byte \(offset) without an end of line); "
            + "moved to \(tornFile); its alert was never recorded and is written again when its feed is next read"
    }

    /// The file torn tails are moved to, beside the live file.
    public static func tornFile(for path: String) -> String { path + ".torn" }

    /// Moves a torn last line of `path`, if any, to the torn file (synced
    /// first, so that nothing is lost if the cut-back is interrupted) and cuts
    /// the live file back to its last complete record.
    static func setAside(in path: String) throws(AlertLogError) -> AlertLogTornTail? {
        do {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            guard size > 0 else { return nil }
            try handle.seek(toOffset: size - 1)
            guard try handle.read(upToCount: 1) != Data([0x0A]) else { return nil }
            let lineStart = try startOfLastLine(handle, size: size)
            try handle.seek(toOffset: lineStart)
            let torn = try handle.readToEnd() ?? Data()
            let tornFile = tornFile(for: path)
            try appendSynced(torn + Data([0x0A]), to: tornFile)
            try handle.truncate(atOffset: lineStart)
            try handle.synchronize()
            return AlertLogTornTail(
                path: path, offset: Int64(lineStart), bytes: torn.count, tornFile: tornFile)
        } catch let error as AlertLogError {
            throw error
        } catch {
            throw AlertLogError(
                path: path,
                message: "cannot set aside its torn last line: \(AlertLogWriter.reason(error))")
        }
    }

    /// The offset just after the last end of line before `size` (0 when none):
    /// read backwards in blocks, since a log can be large.
    private static func startOfLastLine(_ handle: FileHandle, size: UInt64) throws -> UInt64 {
        let block: UInt64 = 64 * 1024
        var end = size
        while end > 0 {
            let start = end > block ? end - block : 0
            try handle.seek(toOffset: start)
            let data = try handle.read(upToCount: Int(end - start)) ?? Data()
            if let newline = data.lastIndex(of: 0x0A) {
                return start + UInt64(newline - data.startIndex) + 1
            }
            end = start
        }
        return 0
    }

    private static func appendSynced(_ data: Data, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw AlertLogError(path: path, message: "cannot create the file")
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}
