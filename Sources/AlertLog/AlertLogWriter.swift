import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only alert log: JSON Lines, one alert a line, rotated by size
/// (`alerts.jsonl.1`, `.2`, … — see `AlertLogFiles`); nothing is ever deleted.
///
/// `append` returns only once the lines are on disk (fsync), because the
/// monitor marks an item seen right after: an alert must never exist only in
/// a buffer when its item is already recorded as handled.
///
/// The log cannot tear: an append that fails (a full disk, an I/O error)
/// cuts the file back to its last complete record before it throws, so the
/// next append starts on a line of its own; a torn last line that a killed
/// process left is set aside when the log is opened (`AlertLogTornTail`).
///
/// Not Sendable: one writer per log, driven by one thread of control (the pass).
public final class AlertLogWriter {
    /// The default size at which the live file is rotated.
    public static let defaultRotationSize = 64 * 1024 * 1024

    public let path: String
    /// The live file is rotated once it grows past this many bytes.
    public let rotationSize: Int
    /// The torn last line set aside when the log was opened, if there was one.
    public let setAsideTail: AlertLogTornTail?
    /// Makes appends fail part-way, as a full disk does: for tests of what a
    /// failed append leaves behind. Nil in use.
    public var simulatedFailure: SimulatedWriteFailure?
    private var handle: FileHandle
    /// The size of the live file's complete records: where the next append starts.
    private var size: UInt64
    /// A failed append could not be cut back: the next append first tries again.
    private var needsCutBack = false
    /// The live file was rotated but a new one not opened: the next append opens it first.
    private var needsReopen = false
    /// Why the last rotation failed, while the live file grows past the
    /// rotation size; nil once a rotation succeeds.
    public private(set) var rotationFailure: AlertLogError?
    private let encoder: JSONEncoder

    public init(path: String, rotationSize: Int = AlertLogWriter.defaultRotationSize)
        throws(AlertLogError)
    {
        self.path = path
        self.rotationSize = rotationSize
        setAsideTail =
            FileManager.default.fileExists(atPath: path)
            ? try AlertLogTornTail.setAside(in: path) : nil
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
        var lineStarts: [Int] = []
        do {
            for alert in alerts {
                lineStarts.append(bytes.count)
                bytes.append(try encoder.encode(alert))
                bytes.append(0x0A)
            }
        } catch {
            throw AlertLogError(path: path, message: "cannot encode an alert: \(error)")
        }
        if needsReopen {
            (handle, size) = try Self.openForAppending(path)
            needsReopen = false
        }
        if needsCutBack { try cutBack(cause: nil) }
        // Where the lines will start is read from the file, never carried
        // over from the last append: a count kept here would drift after a
        // failure and send index entries to the wrong bytes.
        size = try end()
        let file = URL(fileURLWithPath: path).lastPathComponent
        let positions = lineStarts.map {
            AlertLogPosition(file: file, offset: Int64(size) + Int64($0))
        }
        do {
            try write(bytes)
            try handle.synchronize()
        } catch {
            let cause = "cannot write: \(Self.reason(error))"
            try cutBack(cause: cause)
            throw AlertLogError(
                path: path, message: "\(cause); cut back to its last complete alert (byte \(size))")
        }
        size += UInt64(bytes.count)
        guard size >= rotationSize else {
            return AlertLogAppend(positions: positions, rotation: nil)
        }
        guard let rotatedTo = rotate() else {
            return AlertLogAppend(positions: positions, rotation: nil)
        }
        return AlertLogAppend(
            positions: positions,
            rotation: AlertLogRotation(
                from: file, to: URL(fileURLWithPath: rotatedTo).lastPathComponent))
    }

    /// The live file's size, as the file says.
    private func end() throws(AlertLogError) -> UInt64 {
        do {
            return try handle.seekToEnd()
        } catch {
            throw AlertLogError(path: path, message: "cannot read its size: \(Self.reason(error))")
        }
    }

    private func write(_ bytes: Data) throws {
        guard var failure = simulatedFailure, failure.appends > 0 else {
            try handle.write(contentsOf: bytes)
            return
        }
        failure.appends -= 1
        simulatedFailure = failure
        try handle.write(contentsOf: bytes.prefix(failure.bytesWritten))
        throw CocoaError(.fileWriteOutOfSpace)
    }

    /// Cuts the live file back to its last complete record, so that what a
    /// failed write left of its lines goes. When that fails too, the next
    /// append tries again first; `cause` is the failure that made it necessary.
    private func cutBack(cause: String?) throws(AlertLogError) {
        do {
            try handle.truncate(atOffset: size)
            try handle.synchronize()
            needsCutBack = false
        } catch {
            needsCutBack = true
            throw AlertLogError(
                path: path,
                message: (cause.map { $0 + ", and " } ?? "")
                    + "cannot cut the file back to its last complete alert at byte \(size): \(Self.reason(error)); "
                    + "a torn line left there is set aside at the next start")
        }
    }

    /// Why a file operation failed, in the words of the system.
    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileWriteNoPermission: return "permission denied"
            default: break
            }
        }
        return error.localizedDescription
    }

    /// Rotation happens after a write is on disk, so a failure here must
    /// not fail the append: its alerts are in the log, and an append that
    /// threw would leave them unrecorded, to be written a second time. The
    /// live file grows on, and the next append past the size tries again.
    /// Returns the rotated file's name, or nil when the live file stayed.
    private func rotate() -> String? {
        let rotatedTo: String
        do {
            // Renamed while open: the handle follows the file, and nothing
            // is written through it after this.
            rotatedTo = try AlertLogFiles(path: path).rotate()
            // Tests kill the process here: the catch-up at the next start
            // finishes what the rename began (`AlertRecorder.catchUp`).
            FaultInjection.afterLogRotation.fire()
        } catch {
            rotationFailure = AlertLogError(
                path: path,
                message: "cannot rotate: \(Self.reason(error)); the live file grows on until it can"
            )
            return nil
        }
        try? handle.close()
        do {
            (handle, size) = try Self.openForAppending(path)
            rotationFailure = nil
        } catch {
            // The rename happened: the caller must still record it. The next
            // append opens the new live file first, or fails.
            needsReopen = true
            rotationFailure = error
        }
        return rotatedTo
    }

    private static func openForAppending(_ path: String) throws(AlertLogError) -> (
        FileHandle, UInt64
    ) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // O_APPEND: every write lands at the end of the file as it is
            // then, whatever this process believes its size to be.
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw AlertLogError(path: path, message: String(cString: strerror(errno)))
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            return (handle, try handle.seekToEnd())
        } catch let error as AlertLogError {
            throw error
        } catch {
            throw AlertLogError(path: path, message: Self.reason(error))
        }
    }
}

/// A write failure to simulate: the next `appends` appends write only
/// `bytesWritten` bytes of their lines, then fail as a full disk does.
public struct SimulatedWriteFailure: Sendable, Equatable {
    public var bytesWritten: Int
    public var appends: Int

    public init(bytesWritten: Int, appends: Int = 1) {
        self.bytesWritten = bytesWritten
        self.appends = appends
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
