import Foundation

/// Adds `[feed]` sections to the end of feeds.conf, leaving every byte
/// already there as it was (comments, order, spacing), and only when the
/// file with them added still reads without a new problem.
public enum FeedsFileAppending {
    /// Appends `sections` to the file at `path`.
    public static func append(_ sections: [FeedSectionText], to path: String)
        throws(ConfigurationError)
    {
        guard !sections.isEmpty else { return }
        let original: Data
        do {
            original = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(
                file: path, line: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
        let addition = Data(text(of: sections, after: original).utf8)
        try check(original + addition, path: path, originalLineCount: lineCount(original))
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: addition)
            try handle.synchronize()
        } catch {
            throw ConfigurationError(
                file: path, line: 0, message: "cannot write the file: \(error.localizedDescription)"
            )
        }
    }

    /// What is appended after `original`: a newline to end its last line
    /// when it lacks one, a blank line, then the sections a blank line apart.
    static func text(of sections: [FeedSectionText], after original: Data) -> String {
        var text = ""
        if let last = original.last, last != UInt8(ascii: "\n") { text += "\n" }
        if !original.isEmpty { text += "\n" }
        text += sections.map(\.text).joined(separator: "\n")
        return text
    }

    /// Refuses an addition that would make the file read worse: a problem on
    /// a line past the original ones (a name already taken, a bad value).
    private static func check(_ combined: Data, path: String, originalLineCount: Int)
        throws(ConfigurationError)
    {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let reading = ConfigurationReading.parse(
            text: String(decoding: combined, as: UTF8.self), file: path, directory: directory)
        let problems = reading.warnings(outside: ConfigurationNeeds()).filter {
            $0.line > originalLineCount
        }
        if !problems.isEmpty {
            throw ConfigurationError(problems: problems)
        }
    }

    private static func lineCount(_ data: Data) -> Int {
        data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            + (data.last == nil || data.last == UInt8(ascii: "\n") ? 0 : 1)
    }
}
