import Foundation

/// The append-only alert log: JSON Lines, one alert a line, rotated by size
/// (`alerts.jsonl.1`, `.2`, … — see `AlertLogFiles`); nothing is ever deleted.
///
/// `append` returns only once the lines are on disk (fsync), because the
/// monitor marks an item seen right after: an alert must never exist only in
/// a buffer when its item is already recorded as handled.
///
/// Not Sendable: one writer per log, driven by one thread of control (the pass).
public final class AlertLogWriter {
    /// The default size at which the live file is rotated.
    public static let defaultRotationSize = 64 * 1024 * 1024

    public let path: String
    /// The live file is rotated once it grows past this many bytes.
    public let rotationSize: Int
    private var handle: FileHandle
    private var size: UInt64
    private let encoder: JSONEncoder

    public init(path: String, rotationSize: Int = AlertLogWriter.defaultRotationSize)
        throws(AlertLogError)
    {
        self.path = path
        self.rotationSize = rotationSize
        (handle, size) = try Self.openForAppending(path)
        encoder = AlertLogFormat.makeEncoder()
    }

    deinit {
        try? handle.close()
    }

    /// Writes `alerts` as lines and flushes them to disk before returning
    /// where each line starts, and the rotation it caused, if any.
    @discardableResult
    public func append(_ alerts: [Alert]) throws(AlertLogError) -> AlertLogAppend {
        guard !alerts.isEmpty else { return AlertLogAppend(positions: [], rotation: nil) }
        var bytes = Data()
        var positions: [AlertLogPosition] = []
        let file = URL(fileURLWithPath: path).lastPathComponent
        do {
            for alert in alerts {
                positions.append(
                    AlertLogPosition(file: file, offset: Int64(size) + Int64(bytes.count)))
                bytes.append(try encoder.encode(alert))
                bytes.append(0x0A)
            }
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            throw AlertLogError(
                path: path, message: "cannot write: \(error.localizedDescription)")
        }
        size += UInt64(bytes.count)
        guard size >= rotationSize else {
            return AlertLogAppend(positions: positions, rotation: nil)
        }
        let rotatedTo = try rotate()
        return AlertLogAppend(
            positions: positions,
            rotation: AlertLogRotation(
                from: file, to: URL(fileURLWithPath: rotatedTo).lastPathComponent))
    }

    /// Rotation happens after a write is on disk, so a failure here never
    /// loses an alert: the next append simply goes on in the live file.
    private func rotate() throws(AlertLogError) -> String {
        let rotatedTo: String
        do {
            try handle.close()
            rotatedTo = try AlertLogFiles(path: path).rotate()
        } catch {
            throw AlertLogError(
                path: path, message: "cannot rotate: \(error.localizedDescription)")
        }
        (handle, size) = try Self.openForAppending(path)
        return rotatedTo
    }

    private static func openForAppending(_ path: String) throws(AlertLogError) -> (
        FileHandle, UInt64
    ) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw AlertLogError(path: path, message: "cannot create the file")
                }
            }
            let handle = try FileHandle(forWritingTo: url)
            return (handle, try handle.seekToEnd())
        } catch let error as AlertLogError {
            throw error
        } catch {
            throw AlertLogError(path: path, message: error.localizedDescription)
        }
    }
}

/// Where a line of the log starts: the file's name (in the log's folder) and
/// the byte offset in it.
public struct AlertLogPosition: Sendable, Equatable {
    public var file: String
    public var offset: Int64

    public init(file: String, offset: Int64) {
        self.file = file
        self.offset = offset
    }
}

/// The live file was renamed: index entries pointing into `from` now point into `to`.
public struct AlertLogRotation: Sendable, Equatable {
    public var from: String
    public var to: String
}

/// What an append did.
public struct AlertLogAppend: Sendable, Equatable {
    /// One per alert, in order.
    public var positions: [AlertLogPosition]
    public var rotation: AlertLogRotation?
}
