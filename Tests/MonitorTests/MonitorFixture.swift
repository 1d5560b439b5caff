import AlertLog
import Configuration
import FeedFetcher
import Foundation
import Logging
import RuleEngine
import SQLiteStore
import Store

@testable import Monitor

/// A monitor set up in a temporary folder: feeds.conf, rules/, state and
/// alert log all real files, the feeds copied from `examples/feeds`.
final class MonitorFixture {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    let folder: URL
    var configPath: String { folder.appendingPathComponent("feeds.conf").path }
    var rulesDirectory: URL { folder.appendingPathComponent("rules", isDirectory: true) }
    var alertLogPath: String { folder.appendingPathComponent("alerts.jsonl").path }
    var statePath: String { folder.appendingPathComponent("state/feedwatch.db").path }

    /// `feedSettings`: lines added to a feed's section, by feed name.
    init(feeds: [String: String], extraConfig: String = "", feedSettings: [String: String] = [:])
        throws
    {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-monitor-\(UUID().uuidString)", isDirectory: true)
        let manager = FileManager.default
        try manager.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
        try manager.createDirectory(
            at: folder.appendingPathComponent("feeds"), withIntermediateDirectories: true)
        var config = """
            [monitor]
            state = state/feedwatch.db
            alert-log = alerts.jsonl
            interval = 10m
            timeout = 5s
            \(extraConfig)

            """
        for (name, url) in feeds.sorted(by: { $0.key < $1.key }) {
            config += "\n[feed \(name)]\nurl = \(url)\ntags = afpak\n\(feedSettings[name] ?? "")\n"
        }
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        try Self.rules.write(
            to: rulesDirectory.appendingPathComponent("watchlist.rules"), atomically: true,
            encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Copies an example feed into the fixture's `feeds/` folder.
    func copyExample(_ name: String) throws {
        try FileManager.default.copyItem(
            at: Self.examples.appendingPathComponent("feeds/\(name)"),
            to: folder.appendingPathComponent("feeds/\(name)"))
    }

    func writeFeed(_ name: String, _ text: String) throws {
        try text.write(
            to: folder.appendingPathComponent("feeds/\(name)"), atomically: true, encoding: .utf8)
    }

    /// Runs one pass with fresh store and log objects, as a new process
    /// would: the recovery from an interrupted pass first, as `poll` runs it.
    /// `simulatedFailure` makes the log's appends fail as on a full disk.
    func poll(
        all: Bool = true, backfill: Bool = false, now: Date = Date(),
        simulatedFailure: SimulatedWriteFailure? = nil
    ) throws -> (PassSummary, [Alert]) {
        let setup = try ConfigurationAndRules.load(
            configPath: configPath, rulesDirectory: rulesDirectory)
        let store = try SQLiteStateStore(path: setup.state.sqlitePath ?? "")
        let log = try AlertLogWriter(path: setup.alertLogPath)
        log.simulatedFailure = simulatedFailure
        var written: [Alert] = []
        let pass = PipelinePass(
            configuration: setup.configuration, rules: setup.rules, store: store, alertLog: log,
            fetcher: FeedFetcher(options: setup.fetchOptions(userAgent: "feedwatch-tests")),
            logger: Logger(label: "tests"), onAlert: { written.append($0) })
        pass.recoverAfterCrash()
        let summary = pass.run(
            options: PipelinePass.Options(all: all, backfill: backfill), now: now)
        return (summary, written)
    }

    func loggedAlerts() throws -> [Alert] {
        try AlertLogReader(path: alertLogPath).readAll().alerts
    }

    static let rules = """
        entity "Khalil Haqqani"
          id khalil-haqqani
          kind person
          alias "Khalil Rahman Haqqani", "Khalilur Rehman Haqqani", "Khalil-ur-Rehman Haqqani"
          tag haqqani-network

        entity "Islamic State Khorasan Province"
          id iskp
          kind group
          alias "ISKP", "ISK-P", "IS-K", "ISIS-K", "Islamic State Khorasan"

        list attack
          "suicide bomb*", "bombing", "blast", "explosion", "attack*", "kill*", "assassinat*"

        rule "Attack on a watchlisted Haqqani figure"
          id haqqani-attack
          severity high
          match @tag:haqqani-network NEAR/30 #attack

        rule "Every report naming Khalil Haqqani"
          id khalil-every-report
          severity info
          match @khalil-haqqani
          notify-each

        rule "ISKP in the news"
          id iskp-mention
          severity medium
          match @iskp

        """
}
