import Foundation
import Testing

/// `run --show` and the monitor's log lines reach a pipe as they are
/// written, not when the process ends (journald, `| tee`).
@Suite struct OutputStreamingTests {
    @Test func runShowAndPassLinesReachAPipeWhileTheMonitorRuns() throws {
        let workspace = try Workspace()
        let process = try workspace.runner.start(["run", "--backfill", "--show"])
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let standardOutput = PipeCollector(try #require(process.standardOutput as? Pipe))
        let standardError = PipeCollector(try #require(process.standardError as? Pipe))

        try waitUntil { standardOutput.text.contains("haqqani") }
        try waitUntil { standardError.text.contains("polled: 1 feed polled") }
        #expect(process.isRunning)
        #expect(standardOutput.text.hasSuffix("\n"))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
