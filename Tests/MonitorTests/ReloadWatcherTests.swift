import Foundation
import Testing

@testable import Monitor

@Suite struct ReloadWatcherTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reload-watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String, modified: Date) throws {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
    }

    @Test func anEditWithinOneTimestampTickIsSeen() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let tick = Date(timeIntervalSince1970: 1_795_000_000)
        try write("feeds.conf", "[monitor]\n", modified: tick)
        try write("rules/a.rules", "entity \"Khalil Haqqani\"\n", modified: tick)
        var watcher = ReloadWatcher(
            configPath: folder.appendingPathComponent("feeds.conf").path,
            rulesDirectory: folder.appendingPathComponent("rules"))
        var changed = watcher.hasChanged()
        #expect(!changed)

        // Same size, same modification time: only the content tells.
        try write("rules/a.rules", "entity \"Khalil Haqqanu\"\n", modified: tick)
        changed = watcher.hasChanged()
        #expect(changed)
        changed = watcher.hasChanged()
        #expect(!changed)

        try write("rules/b.rules", "entity \"ISKP\"\n", modified: tick)
        changed = watcher.hasChanged()
        #expect(changed)
        try write("rules/notes.txt", "not a rules file", modified: tick)
        changed = watcher.hasChanged()
        #expect(!changed)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("rules/b.rules"))
        changed = watcher.hasChanged()
        #expect(changed)
        try write("feeds.conf", "[monitor]\r", modified: tick)
        changed = watcher.hasChanged()
        #expect(changed)
    }
}
