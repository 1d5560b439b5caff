import Foundation

/// The files of a rotated alert log: `alerts.jsonl` is the live one, and
/// `alerts.jsonl.1`, `.2`, … hold older alerts, the highest number oldest.
public struct AlertLogFiles: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Every file of the log, oldest first, the live file last (even when missing).
    public func chronological() -> [String] {
        rotatedNumbers().sorted(by: >).map(rotated) + [path]
    }

    /// The name of rotated file `number`.
    public func rotated(_ number: Int) -> String { "\(path).\(number)" }

    /// Shifts every file up one number, making room for the live file as `.1`.
    func rotate() throws {
        let manager = FileManager.default
        for number in rotatedNumbers().sorted(by: >) {
            try manager.moveItem(atPath: rotated(number), toPath: rotated(number + 1))
        }
        try manager.moveItem(atPath: path, toPath: rotated(1))
    }

    private func rotatedNumbers() -> [Int] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)), number > 0
            else { return nil }
            return number
        }
    }
}
