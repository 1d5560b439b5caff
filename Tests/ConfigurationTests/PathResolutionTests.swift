import Foundation
import Testing

@testable import Configuration

@Suite struct PathResolutionTests {
    @Test func relativePathsResolveAgainstTheConfigurationFolder() throws {
        let configuration = try parse(
            "[monitor]\nstate = ../state/feedwatch.db\nalert-log = ./logs/alerts.jsonl\n")

        #expect(configuration.settings.state == .sqliteFile(path: "/srv/state/feedwatch.db"))
        #expect(configuration.settings.alertLogPath == "/srv/feedwatch/logs/alerts.jsonl")
    }

    @Test func absoluteAndHomePathsStayPut() throws {
        let configuration = try parse(
            "[monitor]\nstate = /var/lib/feedwatch/state.db\nalert-log = ~/alerts.jsonl\n")

        #expect(configuration.settings.state == .sqliteFile(path: "/var/lib/feedwatch/state.db"))
        let home = NSString(string: "~").expandingTildeInPath
        #expect(
            configuration.settings.alertLogPath
                == URL(fileURLWithPath: home).appendingPathComponent("alerts.jsonl").path)
    }

    @Test(arguments: [
        ("file:examples/dawn.xml", "/srv/feedwatch/examples/dawn.xml"),
        ("file:./examples/dawn.xml", "/srv/feedwatch/examples/dawn.xml"),
        ("file://examples/dawn.xml", "/srv/feedwatch/examples/dawn.xml"),
        ("file:../feeds/dawn.xml", "/srv/feeds/dawn.xml"),
        ("file:///var/feeds/dawn.xml", "/var/feeds/dawn.xml"),
        ("file://localhost/var/feeds/dawn.xml", "/var/feeds/dawn.xml"),
        ("file:/var/feeds/dawn.xml", "/var/feeds/dawn.xml"),
        ("FILE:///var/feeds/with%20space.xml", "/var/feeds/with space.xml"),
    ])
    func fileFeedsResolveToAbsoluteFileURLs(written: String, path: String) throws {
        let configuration = try parse("[feed local]\nurl = \(written)\n")

        let url = try #require(configuration.feeds.first?.url)
        #expect(url.isFileURL)
        #expect(url.path == path)
    }

    @Test func loadResolvesAgainstTheFilesOwnFolderNotTheWorkingDirectory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("feeds.conf")
        try Data("[monitor]\nstate = state/x.db\n[feed f]\nurl = file:samples/f.xml\n".utf8).write(
            to: file)

        let configuration = try ConfigurationFile.load(path: file.path)

        let base = folder.standardizedFileURL
        #expect(configuration.directory.path == base.path)
        #expect(
            configuration.settings.state
                == .sqliteFile(path: base.appendingPathComponent("state/x.db").path))
        #expect(
            configuration.feeds.first?.url.path == base.appendingPathComponent("samples/f.xml").path
        )
    }
}
