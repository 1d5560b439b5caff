import Foundation
import TestHTTPServer
import Testing

/// `feedwatch run` polls each feed on its own clock: a feed that hangs
/// holds one transfer, never the monitor.
@Suite struct RunScheduleTests {
    @Test func aHangingFeedDoesNotHoldUpAFastOne() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/fast",
            .text(
                "<rss version=\"2.0\"><channel><title>Fast</title>"
                    + "<item><guid>f</guid><title>Storm closes airports</title></item>"
                    + "</channel></rss>"))
        // Answers long after the monitor's timeout: the transfer hangs until then.
        server.route("/hang", ScriptedResponse(status: 200, delay: 60))
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            timeout = 8s

            [feed hang]
            url = \(server.url("/hang"))
            interval = 1s

            [feed fast]
            url = \(server.url("/fast"))
            interval = 1s
            """)
        let process = try workspace.runner.start(["run"], standardError: workspace.url("run.log"))
        defer { if process.isRunning { process.terminate() } }

        try waitUntil { server.requests(for: "/hang").count == 1 }
        // Polled in passes, the fast feed would wait for the hanging one's
        // timeout before its second poll; on its own clock it goes on.
        try waitUntil { server.requests(for: "/fast").count >= 3 }
        let log = workspace.read("run.log")
        #expect(!log.contains("timed out"), "\(log)")
        #expect(server.requests(for: "/hang").count == 1)

        // The hanging transfer ends at its timeout as a failure of that feed alone.
        try waitUntil { workspace.read("run.log").contains("timed out") }
        let feeds = try workspace.runner.run(["feeds", "--json"])
        #expect(feeds.standardOutput.contains("timed out"))

        kill(process.processIdentifier, SIGTERM)
        let output = workspace.runner.finish(process)
        let finalLog = workspace.read("run.log")
        #expect(output.status == 0, "\(finalLog)")
        #expect(finalLog.contains("polled:"))
        #expect(finalLog.contains("stopped"))
    }

    @Test func aSlowWebhookReceiverDoesNotHoldUpPolling() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/wire",
            .text(
                "<rss version=\"2.0\"><channel><title>Wire</title>"
                    + "<item><guid>a</guid><title>Khalil Haqqani killed in Kabul</title></item>"
                    + "</channel></rss>"))
        // The receiver takes 20 s to answer each delivery.
        server.route("/hook", ScriptedResponse(status: 204, delay: 20))
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            timeout = 5s

            [sink slow]
            url = \(server.url("/hook"))

            [feed wire]
            url = \(server.url("/wire"))
            interval = 1s
            """)
        try workspace.write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
              notify log, slow
            """)
        let process = try workspace.runner.start(
            ["run", "--backfill"], standardError: workspace.url("run.log"))
        defer { if process.isRunning { process.terminate() } }

        try waitUntil { server.requests(for: "/hook").count == 1 }
        let pollsBefore = server.requests(for: "/wire").count
        // While the delivery waits for its answer, the feed keeps its clock.
        try waitUntil { server.requests(for: "/wire").count >= pollsBefore + 3 }
        #expect(server.requests(for: "/hook").count == 1)
        #expect(!workspace.read("run.log").contains("slow: delivered"))
        kill(process.processIdentifier, SIGTERM)
        _ = workspace.runner.finish(process)
        #expect(workspace.read("alerts.jsonl").contains("\"haqqani\""))
    }

    private func waitUntil(timeout: TimeInterval = 30, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw TimedOut() }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct TimedOut: Error {}
}
