import Testing

@testable import Configuration

@Suite struct SpellingSuggestionTests {
    @Test(arguments: [
        ("intervall", "interval"), ("alertlog", "alert-log"), ("max_size", "max-size"),
        ("timout", "timeout"), ("stale-afer", "stale-after"),
    ])
    func nearMissesFindTheKey(written: String, meant: String) {
        #expect(
            SpellingSuggestion.closest(to: written, among: ConfigurationBuilder.monitorKeys)
                == meant)
    }

    @Test(arguments: ["colour", "frequency", "x"])
    func farMissesSuggestNothing(written: String) {
        #expect(
            SpellingSuggestion.closest(to: written, among: ConfigurationBuilder.feedKeys) == nil)
    }

    @Test(arguments: [
        ("", "", 0), ("kitten", "sitting", 3), ("url", "url", 0), ("", "tags", 4), ("tags", "", 4),
    ])
    func editDistances(first: String, second: String, distance: Int) {
        #expect(SpellingSuggestion.editDistance(first, second) == distance)
    }
}
