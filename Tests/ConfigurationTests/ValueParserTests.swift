import Foundation
import Testing

@testable import Configuration

@Suite struct ValueParserTests {
    @Test(arguments: [
        ("90s", 90.0), ("10m", 600), ("2h", 7200), ("1d", 86_400), ("1w", 604_800), ("500ms", 0.5),
        ("1h30m", 5400), ("1h 30m", 5400), ("2d12h", 216_000), ("1.5h", 5400), ("0s", 0),
        ("10M", 600),
        (" 45s ", 45),
    ])
    func durations(text: String, seconds: Double) {
        #expect(DurationParser.parse(text) == seconds)
    }

    @Test(arguments: [
        "", "10", "m", "10x", "ten minutes", "1h30", "-5m", "1..5s", "5 parsecs", "1e3s",
    ])
    func notDurations(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test(arguments: [
        (30 * 86_400.0, "30d"), (5400, "1h30m"), (90, "1m30s"), (0.5, "0s"), (86_461, "1d1m1s"),
    ])
    func durationTexts(seconds: Double, text: String) {
        #expect(DurationParser.text(seconds) == text)
        if seconds >= 1 { #expect(DurationParser.parse(text) == seconds) }
    }

    @Test(arguments: [
        ("65536", 65_536), ("0", 0), ("100B", 100), ("512KB", 524_288), ("512kb", 524_288),
        ("1K", 1024),
        ("2KiB", 2048), ("10MB", 10_485_760), ("10 MB", 10_485_760), ("1MiB", 1_048_576),
        ("1GB", 1_073_741_824),
        ("1.5MB", 1_572_864),
    ])
    func sizes(text: String, bytes: Int) {
        #expect(ByteSizeParser.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "10XB", "ten", "-1", "1TB", "99999999999999999999GB"])
    func notSizes(text: String) {
        #expect(ByteSizeParser.parse(text) == nil)
    }
}
