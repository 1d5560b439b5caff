import Foundation

/// The files of a rotated alert log: `alerts.jsonl` is the live one, and
/// `alerts.jsonl.1`, `.2`, … hold older alerts, `.1` the oldest. Numbers
/// count up so that a rotated file keeps its name for good, and the index's
/// references into it stay valid.
public struct AlertLogFiles: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Every file of the log, oldest first, the live file last (even when missing).
    public func chronological() -> [String] {
        rotatedNumbers().sorted().map(rotated) + [path]
    }

    /// The name of rotated file `number`.
    public func rotated(_ number: Int) -> String { "\(path).\(number)" }

    /// Renames the live file to the next free number, and returns that name.
    func rotate() throws -> String {
        let next = rotated((rotatedNumbers().max() ?? 0) + 1)
        try FileManager.default.moveItem(atPath: path, toPath: next)
        return next
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
