/// Sizes as feeds.conf writes them: plain bytes (`65536`), or a number with
/// `B`, `KB`, `MB`, `GB` (case-insensitive; `K`, `KiB` and the like too).
/// Units are binary: `1KB` is 1024 bytes, as a memory-minded user expects of a size cap.
public enum ByteSizeParser {
    private static let bytesPerUnit: [String: Double] = [
        "": 1, "b": 1,
        "k": 1024, "kb": 1024, "kib": 1024,
        "m": 1_048_576, "mb": 1_048_576, "mib": 1_048_576,
        "g": 1_073_741_824, "gb": 1_073_741_824, "gib": 1_073_741_824,
    ]

    /// Bytes, or nil when `text` is not a size.
    public static func parse(_ text: String) -> Int? {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        let number = compact.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = String(compact.dropFirst(number.count))
        guard let value = Double(number), let scale = bytesPerUnit[unit] else { return nil }
        let bytes = (value * scale).rounded(.down)
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }

    /// The examples an error message shows.
    static let examples = "65536, 512KB, 10MB or 1GB"
}
