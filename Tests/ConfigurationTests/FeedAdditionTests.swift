import Foundation
import Testing

@testable import Configuration

@Suite struct FeedAdditionTests {
    @Test func namesAreValidUniqueAndReadable() {
        #expect(
            FeedNaming.name(for: "Le Monde — International", url: nil, taken: [])
                == "le-monde-international")
        #expect(FeedNaming.name(for: "Dawn", url: nil, taken: ["dawn", "dawn-2"]) == "dawn-3")
        #expect(FeedNaming.name(for: "Dawn", url: nil, taken: ["DAWN"]) == "dawn-2")
        #expect(
            FeedNaming.name(
                for: "новости", url: URL(string: "https://www.ria.ru/export/rss2"), taken: [])
                == "ria-ru")
        #expect(FeedNaming.name(for: nil, url: nil, taken: []) == "feed")
        let long = FeedNaming.name(
            for: "A very long title that goes on and on about the news of the day", url: nil,
            taken: [])
        #expect(long.count <= 40 && !long.hasSuffix("-"))
        #expect(FeedNaming.tag(for: "Café Politique") == "cafe-politique")
        #expect(FeedNaming.tag(for: "★★★") == nil)
    }

    @Test func urlKeysIgnoreWhatDoesNotMakeAnotherFeed() {
        let same = [
            "https://www.example.org/feed/", "http://example.org/feed",
            "https://EXAMPLE.org:443/feed",
            "https://example.org/feed#top",
        ]
        let keys = Set(same.compactMap { FeedURLKey.key($0) })
        #expect(keys.count == 1)
        #expect(
            FeedURLKey.key("https://example.org/Feed") != FeedURLKey.key("https://example.org/feed")
        )
        #expect(
            FeedURLKey.key("https://example.org/feed?x=1")
                != FeedURLKey.key("https://example.org/feed"))
    }

    @Test func appendingKeepsTheFileByteForByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-append-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("feeds.conf").path
        // No final newline, CRLF lines and a comment: all must survive.
        let original =
            "# my feeds\r\n[monitor]\r\ninterval = 10m   # often\r\n\r\n[feed dawn]\r\nurl = https://www.dawn.com/feeds/home"
        try Data(original.utf8).write(to: URL(fileURLWithPath: path))

        try FeedsFileAppending.append(
            [
                FeedSectionText(
                    name: "hash-feed", url: "https://example.org/feed", tags: ["a", "desk #2"],
                    comment: "imported"),
                FeedSectionText(name: "plain", url: "https://example.org/plain"),
            ], to: path)

        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix(original))
        let configuration = try ConfigurationFile.load(path: path)
        #expect(configuration.feeds.map(\.name) == ["dawn", "hash-feed", "plain"])
        #expect(configuration.feed(named: "hash-feed")?.tags == ["a", "desk #2"])
    }

    @Test func anAdditionThatWouldBreakTheFileIsRefusedAndNothingWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-append-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("feeds.conf").path
        let original = "[feed dawn]\nurl = https://www.dawn.com/feeds/home\n"
        try Data(original.utf8).write(to: URL(fileURLWithPath: path))

        #expect(throws: ConfigurationError.self) {
            try FeedsFileAppending.append(
                [FeedSectionText(name: "dawn", url: "https://example.org/other")], to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }
}
