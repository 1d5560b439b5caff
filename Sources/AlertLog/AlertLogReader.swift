import Foundation

/// Reads the alert log back, line by line, for the review commands.
///
/// A corrupt line (a crash mid-write, a hand edit) is reported with its line
/// number and skipped: one bad line must never hide the rest of the log.
public struct AlertLogReader: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// A line that could not be read as an alert.
    public struct CorruptLine: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// The line number, when the file was read from its start.
        public var line: Int?
        /// Where the line starts in the file.
        public var offset: Int64
        public var reason: String

        public init(path: String, line: Int?, offset: Int64, reason: String) {
            self.path = path
            self.line = line
            self.offset = offset
            self.reason = reason
        }

        public var description: String {
            let place = line.map { "\(path):\($0)" } ?? "\(path) at byte \(offset)"
            return "\(place): alerting: skipped a corrupt line: \(reason)"
        }
    }

    /// Every alert of the log and its rotated files, oldest first, and the
    /// lines that were skipped. A missing log is an empty one.
    public func readAll() throws(AlertLogError) -> (alerts: [Alert], corrupt: [CorruptLine]) {
        var alerts: [Alert] = []
        var corrupt: [CorruptLine] = []
        for file in AlertLogFiles(path: path).chronological() {
            let (fileAlerts, fileCorrupt) = try read(file)
            alerts += fileAlerts
            corrupt += fileCorrupt
        }
        return (alerts, corrupt)
    }

    private func read(_ path: String) throws(AlertLogError) -> (
        alerts: [Alert], corrupt: [CorruptLine]
    ) {
        let lines = try readWithPositions(file: path, startingAt: 0)
        return (lines.alerts.map(\.alert), lines.corrupt)
    }

    /// The alerts of one file with where each line starts, reading from the
    /// line that starts at byte `start` (0 for the whole file).
    public func readWithPositions(file path: String, startingAt start: Int64) throws(AlertLogError)
        -> (alerts: [(alert: Alert, position: AlertLogPosition)], corrupt: [CorruptLine])
    {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(max(0, start)))
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw AlertLogError(
                path: path, message: "cannot read: \(error.localizedDescription)")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let decoder = AlertLogFormat.makeDecoder()
        var alerts: [(alert: Alert, position: AlertLogPosition)] = []
        var corrupt: [CorruptLine] = []
        var lineNumber = 0
        var lineStart = data.startIndex
        while lineStart < data.endIndex {
            let lineEnd = data[lineStart...].firstIndex(of: 0x0A) ?? data.endIndex
            lineNumber += 1
            let line = data[lineStart..<lineEnd]
            let position = start + Int64(lineStart - data.startIndex)
            lineStart = lineEnd + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                let alert = try decoder.decode(Alert.self, from: Data(line))
                alerts.append((alert, AlertLogPosition(file: name, offset: position)))
            } catch {
                corrupt.append(
                    CorruptLine(
                        path: path, line: start == 0 ? lineNumber : nil, offset: position,
                        reason: Self.reason(error)))
            }
        }
        return (alerts, corrupt)
    }

    /// The alert on the line that starts at `offset` of `file`, or nil when
    /// there is no valid alert there.
    public func line(in file: String, at offset: Int64) throws(AlertLogError) -> Alert? {
        let bytes = try rawLine(in: file, at: offset)
        return try? AlertLogFormat.makeDecoder().decode(Alert.self, from: bytes)
    }

    /// The bytes of the line that starts at `offset` of `file`, without its newline.
    public func rawLine(in file: String, at offset: Int64) throws(AlertLogError) -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(max(0, offset)))
            var line = Data()
            // Alert lines are a few KB; read in chunks until the newline.
            while let chunk = try handle.read(upToCount: 4096), !chunk.isEmpty {
                if let newline = chunk.firstIndex(of: 0x0A) {
                    line.append(chunk[chunk.startIndex..<newline])
                    break
                }
                line.append(chunk)
            }
            return line
        } catch {
            throw AlertLogError(
                path: file, message: "cannot read: \(error.localizedDescription)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
