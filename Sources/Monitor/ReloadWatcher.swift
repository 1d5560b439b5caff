import Foundation

/// Notices edits to feeds.conf and the rules folder by their modification
/// times: simple, portable, and cheap at one look per tick.
struct ReloadWatcher {
    let configPath: String
    let rulesDirectory: URL
    private var lastSignature: [String: Date]

    init(configPath: String, rulesDirectory: URL) {
        self.configPath = configPath
        self.rulesDirectory = rulesDirectory
        self.lastSignature = [:]
        self.lastSignature = signature()
    }

    /// True once after any watched file was added, removed or modified.
    mutating func hasChanged() -> Bool {
        let current = signature()
        defer { lastSignature = current }
        return current != lastSignature
    }

    private func signature() -> [String: Date] {
        var result: [String: Date] = [:]
        let manager = FileManager.default
        // Rule tests (rules/tests/*.test) do not change the rule set: not watched.
        let names = (try? manager.contentsOfDirectory(atPath: rulesDirectory.path)) ?? []
        let paths =
            [configPath]
            + names.filter { $0.hasSuffix(".rules") }.map {
                rulesDirectory.appendingPathComponent($0).path
            }
        for path in paths {
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate]
                as? Date
            {
                result[path] = modified
            }
        }
        return result
    }
}
