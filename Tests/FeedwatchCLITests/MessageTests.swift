import Foundation
import Testing

/// Messages as a user meets them: paths they can open from where they are,
/// log levels that differ, each failure said once.
@Suite struct MessageTests {
    @Test func aMissingConfigurationIsNamedInFullWithTheOptionToNameAnother() throws {
        let workspace = try Workspace()
        let poll = try workspace.runner.run(["poll", "--config", "nothere.conf"])
        #expect(poll.status == 65)
        let expected = workspace.url("nothere.conf").standardizedFileURL.resolvingSymlinksInPath()
        #expect(
            poll.standardError.contains(expected.path)
                || poll.standardError.contains(workspace.url("nothere.conf").path),
            "\(poll.standardError)")
        #expect(poll.standardError.contains("--config"))

        let review = try workspace.runner.run(["alerts", "--config", "nothere.conf"])
        #expect(review.status == 65)
        #expect(review.standardError.contains("--config"))
    }

    /// `--rules` from another folder: the files named are the ones there.
    @Test func rulesErrorsNamePathsThatOpenFromTheCurrentFolder() throws {
        let workspace = try Workspace()
        try workspace.write("rules/broken.rules", "rule \"Oops\"\n  match @nobody\n")
        let name = workspace.folder.lastPathComponent
        // From the workspace's parent, with relative paths.
        let parent = CommandRunner(folder: workspace.folder.deletingLastPathComponent())
        let fromParent = try parent.run([
            "rules", "check", "--config", "\(name)/feeds.conf", "--rules", "\(name)/rules",
        ])
        #expect(fromParent.status == 65)
        #expect(
            fromParent.standardError.contains("\(name)/rules/broken.rules:2:"),
            "\(fromParent.standardError)")

        // From an unrelated folder, with absolute paths: the path is absolute.
        let elsewhere = try Workspace()
        let fromElsewhere = try elsewhere.runner.run([
            "poll", "--config", workspace.url("feeds.conf").path,
            "--rules", workspace.url("rules").path,
        ])
        #expect(fromElsewhere.status == 65)
        let named = try #require(
            fromElsewhere.standardError.split(separator: "\n").first {
                $0.contains("broken.rules:2:")
            })
        let path = String(named.prefix { $0 != ":" })
        #expect(path.hasPrefix("/"), "\(named)")
        #expect(FileManager.default.fileExists(atPath: path), "\(named)")
    }

    @Test func eachLogLevelSaysWhatItShould() throws {
        let workspace = try Workspace()
        func poll(_ arguments: [String] = [], level: String? = nil) throws -> CommandRunner.Output {
            let output = try workspace.runner.run(
                ["poll", "--all"] + arguments,
                environment: level.map { ["FEEDWATCH_LOG_LEVEL": $0] } ?? [:])
            #expect(output.status == 0, "\(output.standardError)")
            return output
        }
        // First poll: the baseline, at info.
        let first = try poll(level: "info")
        #expect(first.standardError.contains("wire: first contact, 2 items recorded"))

        try workspace.write(
            "wire.xml",
            workspace.read("wire.xml").replacingOccurrences(
                of: "</channel>", with: "<item><guid>c</guid><title>New</title></item></channel>"))
        let debug = try poll(level: "debug")
        #expect(debug.standardError.contains("wire: read file://"), "\(debug.standardError)")
        #expect(debug.standardError.contains("bytes in "))
        #expect(debug.standardError.contains("wire: fetched, 1 new item, 0 changed, 0 alerts"))

        let info = try poll(level: "info")
        #expect(info.standardError.contains("wire: fetched, 0 new items"), "\(info.standardError)")
        #expect(!info.standardError.contains("wire: read file://"))

        let notice = try poll()
        #expect(!notice.standardError.contains("wire: fetched"))
        #expect(notice.standardError.contains("1 feed polled"))

        let quiet = try poll(["-q"], level: "debug")
        #expect(quiet.standardError.isEmpty, "\(quiet.standardError)")

        let verbose = try poll(["-v"], level: "error")
        #expect(verbose.standardError.contains("wire: read file://"))
        #expect(verbose.standardError.contains("1 feed polled"))
    }

    @Test func anUnknownLogLevelIsRefusedWithTheNames() throws {
        let workspace = try Workspace()
        for command in [["poll"], ["run"], ["replay"]] {
            let output = try workspace.runner.run(
                command, environment: ["FEEDWATCH_LOG_LEVEL": "loud"])
            #expect(output.status == 64, "\(command)")
            #expect(output.standardError.contains("FEEDWATCH_LOG_LEVEL=loud"))
            #expect(
                output.standardError.contains(
                    "trace, debug, info, notice, warning, error, critical"))
        }
        let both = try workspace.runner.run(["poll", "-v", "-q"])
        #expect(both.status == 64)
        // A command that logs nothing does not read the variable (as the README says).
        let check = try workspace.runner.run(
            ["rules", "check"], environment: ["FEEDWATCH_LOG_LEVEL": "loud"])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(!check.standardError.contains("FEEDWATCH_LOG_LEVEL"))
    }

    @Test func aFailedFeedIsSaidOnceAndCounted() throws {
        let workspace = try Workspace(feedURL: "file:missing.xml")
        let output = try workspace.runner.run(["poll"])
        #expect(output.status == 1)
        let all = output.standardOutput + output.standardError
        #expect(all.components(separatedBy: "missing.xml").count - 1 == 1, "\(all)")
        #expect(output.standardError.contains("wire: fetcher:"))
        #expect(output.standardError.contains("1 failed"))
    }
}
