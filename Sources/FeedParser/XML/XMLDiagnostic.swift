/// Something libxml2 complained about, with where it was.
struct XMLDiagnostic: Sendable, Equatable {
    var line: Int
    var column: Int
    var message: String
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int
    var isFatal: Bool

    /// Diagnostics shown one by one in a feed's warnings; the rest are counted.
    private static let shown = 5

    /// The first few of `diagnostics` in words, and how many more there were
    /// (`total` counts those past the ones kept).
    static func warnings(_ diagnostics: [XMLDiagnostic], total: Int) -> [String] {
        var warnings = diagnostics.prefix(shown).map { diagnostic in
            diagnostic.isFatal
                ? "ill-formed XML, recovered: line \(diagnostic.line), column \(diagnostic.column): \(diagnostic.message)"
                : "line \(diagnostic.line): \(diagnostic.message)"
        }
        let more = max(total, diagnostics.count) - warnings.count
        if more > 0 {
            warnings.append("\(more) more XML error\(more == 1 ? "" : "s")")
        }
        return warnings
    }
}
