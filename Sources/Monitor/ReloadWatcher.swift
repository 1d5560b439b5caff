import Foundation

/// Notices edits to feeds.conf and the rules folder by their contents, not
/// only their modification times: two saves within one timestamp tick of
/// the file system (a second on some, coarser on network mounts) leave the
/// time unchanged, and the second edit would be missed. Reading a watchlist
/// of a few megabytes once per tick costs little next to missing an edit.
struct ReloadWatcher {
    let configPath: String
    let rulesDirectory: URL
    private var lastContents: [String: Data]

    init(configPath: String, rulesDirectory: URL) {
        self.configPath = configPath
        self.rulesDirectory = rulesDirectory
        self.lastContents = [:]
        self.lastContents = contents()
    }

    /// True once after any watched file was added, removed or changed.
    mutating func hasChanged() -> Bool {
        let current = contents()
        defer { lastContents = current }
        return current != lastContents
    }

    private func contents() -> [String: Data] {
        var result: [String: Data] = [:]
        // Rule tests (rules/tests/*.test) do not change the rule set: not watched.
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)) ?? []
        let paths =
            [configPath]
            + names.filter { $0.hasSuffix(".rules") }.map {
                rulesDirectory.appendingPathComponent($0).path
            }
        for path in paths {
            // A file being replaced may be missing for a moment: it then
            // counts as removed, and as added again at the next look.
            if let data = FileManager.default.contents(atPath: path) { result[path] = data }
        }
        return result
    }
}
