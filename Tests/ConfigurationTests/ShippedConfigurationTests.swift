import Foundation
import Testing

@testable import Configuration

@Suite struct ShippedConfigurationTests {
    /// The top-level feeds.conf, two folders above this file.
    static let shippedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("feeds.conf").path

    @Test func theShippedFileLoadsWithRealFeedsAndNoSinks() throws {
        let configuration = try ConfigurationFile.load(path: Self.shippedPath)

        #expect(configuration.feeds.count >= 12)
        #expect(configuration.sinks.isEmpty)
        #expect(configuration.settings.healthNotify == ["log"])
        #expect(configuration.feeds.allSatisfy { $0.url.scheme == "https" })
        #expect(Set(configuration.feeds.map(\.name)).count == configuration.feeds.count)
        let tags = Set(configuration.feeds.flatMap(\.tags))
        #expect(tags.isSuperset(of: ["afpak", "south-asia", "world"]))
        #expect(
            configuration.feeds.contains {
                $0.name == "dawn" && $0.url.absoluteString == "https://www.dawn.com/feeds/home"
            })
        let folder = URL(fileURLWithPath: Self.shippedPath).deletingLastPathComponent()
            .standardizedFileURL
        #expect(
            configuration.settings.state
                == .sqliteFile(path: folder.appendingPathComponent("state/feedwatch.db").path))
    }
}
