import FeedModel
import Foundation
import Monitor

/// One line on a terminal's standard error, redrawn as a pass goes:
/// `polling 312/1000 feeds · 4 failed · 17 alerts`. Off the terminal (cron,
/// systemd) nothing is drawn: the log lines and the summary say it all.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Drawn only on a terminal, and only when `enabled` (not under `-q`).
    init(enabled: Bool = true) {
        self.enabled = enabled && isatty(STDERR_FILENO) != 0
    }

    func update(_ summary: PassSummary, due: Int) {
        guard enabled, due > 1 else { return }
        // A redraw per feed would cost more than the feed on a fast pass.
        let now = Date()
        guard summary.feedsDone == due || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let text =
            "polling \(summary.feedsDone)/\(Counted.phrase(due, "feed")) · \(summary.failures.count) failed · \(Counted.phrase(summary.alerts, "alert"))"
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
        drawn = true
    }

    /// Clears the line before the summary is written.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
