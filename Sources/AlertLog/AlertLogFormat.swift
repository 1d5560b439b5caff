import Foundation

/// How an alert is written as a line of the log, and as a `json` webhook
/// body: compact JSON, keys sorted, dates in ISO 8601 UTC.
public enum AlertLogFormat {
    /// The encoder every alert line is written with.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        // Sorted keys: the same alert is the same bytes on every run and machine.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder matching `makeEncoder`.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
