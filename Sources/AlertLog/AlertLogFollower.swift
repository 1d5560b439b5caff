import Foundation

/// Reads the alerts appended to the live log since the last look, surviving
/// rotation (the live file starts again from empty).
public struct AlertLogFollower {
    public let path: String
    private var offset: UInt64

    /// Starts at the current end of the log: only alerts written from now on.
    public init(path: String) {
        self.path = path
        offset = Self.size(of: path)
    }

    /// The alerts of the whole lines written since the last call; a line
    /// still being written waits for the next call.
    public mutating func newAlerts() throws(AlertLogError) -> [Alert] {
        let size = Self.size(of: path)
        if size < offset { offset = 0 }  // rotated: a new live file
        guard size > offset else { return [] }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: offset)
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw AlertLogError(
                path: path, message: "cannot read: \(error.localizedDescription)")
        }
        guard let lastNewline = data.lastIndex(of: 0x0A) else { return [] }
        offset += UInt64(lastNewline - data.startIndex + 1)
        let decoder = AlertLogFormat.makeDecoder()
        return data[data.startIndex..<lastNewline].split(separator: 0x0A).compactMap {
            try? decoder.decode(Alert.self, from: Data($0))
        }
    }

    private static func size(of path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?
            .uint64Value
            ?? 0
    }
}
