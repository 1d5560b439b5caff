import Foundation
import Testing

/// Shell completion of ids, as the generated scripts ask for it: the shell
/// runs `feedwatch ---completion SUBCOMMAND -- ARGUMENT INDEX CURSOR WORDS…`
/// and offers the lines printed.
@Suite struct CompletionTests {
    func complete(
        _ runner: CommandRunner, _ subcommands: [String], _ argument: String, words: [String]
    ) throws -> [String] {
        let typed = words.last ?? ""
        let output = try runner.run(
            ["---completion"] + subcommands
                + ["--", argument, String(words.count - 1), String(typed.count)] + words)
        #expect(output.status == 0, "\(output.standardError)")
        return output.standardOutput.split(separator: "\n").map(String.init)
    }

    @Test func rulesEntitiesAndFeedsComplete() throws {
        let workspace = try ReviewDeskTests.workspace()
        let runner = workspace.runner
        #expect(
            try complete(
                runner, ["replay"], "--rule", words: ["feedwatch", "replay", "--rule", ""])
                == ["haqqani", "kabul"])
        #expect(
            try complete(
                runner, ["replay"], "--rule", words: ["feedwatch", "replay", "--rule", "k"])
                == ["kabul"])
        #expect(
            try complete(
                runner, ["alerts", "list"], "--feed", words: ["feedwatch", "alerts", "--feed", ""])
                == ["quiet", "wire"])
        #expect(
            try complete(
                runner, ["alerts", "list"], "--entity",
                words: ["feedwatch", "alerts", "--entity", "kh"]) == ["khalil-haqqani"])
        #expect(
            try complete(
                runner, ["stories", "list"], "--entity",
                words: ["feedwatch", "stories", "--entity", "@"]) == ["@khalil-haqqani"])
        #expect(
            try complete(runner, ["mute"], "positional@0", words: ["feedwatch", "mute", ""])
                == ["@khalil-haqqani", "haqqani", "kabul", "quiet", "wire"])
    }

    /// `--rules` and `--config` on the line being completed are the ones read.
    @Test func theFoldersNamedOnTheLineAreRead() throws {
        let workspace = try ReviewDeskTests.workspace()
        let elsewhere = try Workspace()
        let words = [
            "feedwatch", "alerts", "--config", workspace.url("feeds.conf").path,
            "--rules=\(workspace.url("rules").path)", "--rule", "",
        ]
        #expect(
            try complete(elsewhere.runner, ["alerts", "list"], "--rule", words: words)
                == ["haqqani", "kabul"])
        let feedWords = Array(words.dropLast(2)) + ["--feed", ""]
        #expect(
            try complete(elsewhere.runner, ["alerts", "list"], "--feed", words: feedWords)
                == ["quiet", "wire"])
        // Nothing to read: nothing offered, and no error in the prompt. A
        // folder of its own, so that no stray rules/ or feeds.conf is read.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-empty-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: empty) }
        let nothing = try CommandRunner(folder: empty).run([
            "---completion", "replay", "--", "--rule", "3", "0", "feedwatch", "replay", "--rule",
            "",
        ])
        #expect(nothing.standardOutput.isEmpty)
        #expect(nothing.standardError.isEmpty)
    }
}
