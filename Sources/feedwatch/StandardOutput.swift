import Foundation

/// Lines the monitor commands print as they happen (`run --show`, `poll --show`).
enum StandardOutput {
    /// Writes `line` and its newline straight to standard output, so that a
    /// pipe or a file (journald, `| tee`) gets it at once: `print` goes
    /// through C's buffer, which off a terminal holds lines back until it
    /// fills or the process ends.
    static func writeLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
