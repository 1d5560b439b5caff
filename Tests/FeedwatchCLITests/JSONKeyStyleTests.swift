import Foundation
import Testing

/// Every `--json` output, through the real binary: every key snake_case,
/// at every depth, as docs/json.md promises.
@Suite struct JSONKeyStyleTests {
    /// The keys whose values are maps keyed by data (rule ids, entity ids,
    /// feed names, days): those data keys are not field names.
    static let dataKeyedMaps: Set<String> = [
        "by_rule", "by_entity", "by_feed", "by_severity", "by_day",
    ]

    static func isSnakeCase(_ key: String) -> Bool {
        !key.isEmpty
            && key.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" }
            && key.first?.isLetter == true
    }

    /// Every key that is not snake_case, with where it was found.
    static func offendingKeys(in value: Any, at path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child -> [String] in
                let here = path + "." + key
                let own = isSnakeCase(key) ? [] : [here]
                if dataKeyedMaps.contains(key), let map = child as? [String: Any] {
                    return own + map.values.flatMap { offendingKeys(in: $0, at: here + ".*") }
                }
                return own + offendingKeys(in: child, at: here)
            }
        }
        if let array = value as? [Any] {
            return array.flatMap { offendingKeys(in: $0, at: path + "[]") }
        }
        return []
    }

    @Test func theCheckFindsACamelCaseKeyAtAnyDepth() {
        #expect(Self.offendingKeys(in: ["a": [["nextPoll": 1]]]) == [".a[].nextPoll"])
        #expect(Self.offendingKeys(in: ["by_rule": ["Some-Rule": 1]]).isEmpty)
        #expect(Self.offendingKeys(in: ["first_seen": "x", "item": ["id": "a"]]).isEmpty)
    }

    @Test func everyJSONOutputHasSnakeCaseKeys() throws {
        let workspace = try ReviewDeskTests.workspace()
        let runner = workspace.runner
        try workspace.write(
            "feeds.conf",
            workspace.read("feeds.conf") + "\n[sink ops]\nurl = http://127.0.0.1:9/hook\n")
        let mute = try runner.run(["mute", "kabul", "for", "1h"])
        #expect(mute.status == 0, "\(mute.standardError)")
        let listed = try runner.run(["alerts", "--json"])
        let firstAlert = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    listed.standardOutput.split(separator: "\n").first.map(String.init)?.utf8
                        ?? "".utf8))
                as? [String: Any])
        let alertID = try #require(firstAlert["id"] as? String)
        let stories = try runner.run(["stories", "--json"])
        let storyID = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(
                    stories.standardOutput.split(separator: "\n").first.map(String.init)?.utf8
                        ?? "".utf8))
                as? [String: Any])?["id"] as? String)

        let commands: [[String]] = [
            ["feeds", "--json"],
            ["alerts", "--json"],
            ["alerts", "--json", "--folded"],
            ["alerts", "show", alertID, "--json"],
            ["alerts", "stats", "--json"],
            ["stories", "--json"],
            ["stories", "show", storyID, "--json"],
            ["rules", "list", "--json"],
            ["rules", "test", "wire.xml", "--json"],
            ["replay", "--json"],
            ["sinks", "--json"],
            ["mutes", "--json"],
            ["state", "stats", "--json"],
            ["parse", "--json", "wire.xml"],
        ]
        for command in commands {
            let output = try runner.run(command)
            #expect(output.status == 0, "\(command): \(output.standardError)")
            // One document (`alerts show --json` is indented), or one per line.
            let documents: [Any]
            if let whole = try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
            {
                documents = [whole]
            } else {
                documents = try output.standardOutput.split(separator: "\n").map {
                    try JSONSerialization.jsonObject(with: Data($0.utf8))
                }
            }
            #expect(!documents.isEmpty, "\(command) printed nothing")
            for document in documents {
                let offending = Self.offendingKeys(in: document)
                #expect(offending.isEmpty, "\(command): \(offending)")
            }
        }
    }
}
