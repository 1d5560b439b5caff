import ArgumentParser
import Configuration
import Foundation
import Store

/// `feedwatch mute TARGET for 24h [--note TEXT]`: alerts about an entity, of
/// a rule or from a feed are still logged (marked muted) but sent to no sink
/// until the mute ends by itself. Stored in the state; works beside a running monitor.
struct MuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mute",
        abstract: "Hold back delivery to sinks for an entity, rule or feed, for a while.",
        discussion: """
            TARGET is @entity-id, a rule id or a feed name (rule:ID and feed:NAME when \
            one name is both). DURATION is 90m, 24h, 7d or the like; 'for' before it \
            may be left out. Muting a target again replaces its mute. The alerts are \
            still written to the log, with "muted": true. Exit status: 0, 64 for a \
            wrong target or duration, 65 for bad configuration or rules, 1 when the \
            state cannot be written.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "@entity-id, rule id or feed name.", completion: IDCompletion.muteTargets)
    var target: String

    @Argument(help: "[for] DURATION, such as 'for 24h'.")
    var duration: [String] = []

    @Option(help: "Why, shown by feedwatch mutes.")
    var note: String?

    func run() throws {
        let words = duration.first?.lowercased() == "for" ? Array(duration.dropFirst()) : duration
        guard words.count == 1, let seconds = DurationParser.parse(words[0]), seconds > 0 else {
            printError(
                "feedwatch: mute: give how long, as in 'feedwatch mute \(target) for 24h'"
                    + " (90m, 24h, 7d …), not '\(duration.joined(separator: " "))'")
            throw ExitStatus.usage
        }
        let resolved = try MuteStateAccess.resolve(target, common: common, command: "mute")
        let now = Date()
        let mute = Mute(
            target: resolved.target, until: now.addingTimeInterval(seconds), note: note,
            createdAt: now)
        try MuteStateAccess.write(resolved.state, command: "mute") { store throws(StoreError) in
            try store.setMute(mute)
        }
        print(
            "muted \(mute.target.kind) \(mute.target.name) until \(ISO8601DateFormatter().string(from: mute.until))"
        )
    }
}

/// `feedwatch unmute TARGET`: lifts a mute before it ends.
struct UnmuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmute",
        abstract: "Lift a mute before it ends.",
        discussion:
            "Exit status: 0 when a mute was lifted, 1 when there was none, 64 for a wrong target.")

    @OptionGroup var common: CommonOptions

    @Argument(
        help: "@entity-id, rule id or feed name, as muted.", completion: IDCompletion.muteTargets)
    var target: String

    func run() throws {
        let resolved = try MuteStateAccess.resolve(target, common: common, command: "unmute")
        var removed = false
        try MuteStateAccess.write(resolved.state, command: "unmute") {
            store throws(StoreError) in
            removed = try store.removeMute(resolved.target)
        }
        guard removed else {
            printError(
                "feedwatch: unmute: \(resolved.target.kind) \(resolved.target.name) is not muted")
            throw ExitStatus.failures
        }
        print("unmuted \(resolved.target.kind) \(resolved.target.name)")
    }
}

/// `feedwatch mutes [--json]`: the mutes in force.
struct MutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutes",
        abstract: "The mutes in force, with when each ends and its note.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "One JSON object per mute, per line.")
    var json = false

    struct Row: Encodable {
        var kind: String
        var target: String
        var until: String
        var note: String?
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case kind, target, until, note
            case createdAt = "created_at"
        }
    }

    func run() throws {
        let configuration = try loadConfiguration(common, needing: .state, command: "mutes")
        let now = Date()
        let mutes: [Mute]
        do {
            mutes =
                try StateOpening.forReview(configuration.settings.state)?
                .activeMutes(now: now) ?? []
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
        let formatter = ISO8601DateFormatter()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for mute in mutes {
                let row = Row(
                    kind: mute.target.kind, target: mute.target.name,
                    until: formatter.string(from: mute.until), note: mute.note,
                    createdAt: formatter.string(from: mute.createdAt))
                print(String(decoding: try encoder.encode(row), as: UTF8.self))
            }
            return
        }
        guard !mutes.isEmpty else {
            print("no mutes in force")
            return
        }
        for mute in mutes {
            let shown = mute.target.kind == "entity" ? "@\(mute.target.name)" : mute.target.name
            let left = DurationParser.text(mute.until.timeIntervalSince(now))
            let note = mute.note.map { "  \($0)" } ?? ""
            print(
                "\(mute.target.kind.padding(toLength: 7, withPad: " ", startingAt: 0)) \(shown)  until \(formatter.string(from: mute.until)) (\(left) left)\(note)"
            )
        }
    }
}

/// The state and the names a mute may take, for `mute` and `unmute`.
enum MuteStateAccess {
    /// The target `text` names, checked against the rules and feeds.conf, and the state.
    static func resolve(_ text: String, common: CommonOptions, command: String) throws -> (
        target: Mute.Target, state: StateLocation
    ) {
        let configuration = try loadConfiguration(common, needing: .state, command: command)
        let rules = try RulesLoading.load(common, checkSinks: false)
        let names = MuteTargetResolution(
            ruleIDs: rules.rules.map(\.id), entityIDs: rules.entities.map(\.id),
            feedNames: (configuration.feeds + configuration.disabledFeeds).map(\.name))
        do {
            return (try names.resolve(text), configuration.settings.state)
        } catch {
            printError("feedwatch: \(command): \(error)")
            throw ExitStatus.usage
        }
    }

    /// Opens the state for a small write beside any running monitor, and makes it.
    static func write(
        _ state: StateLocation, command: String, _ body: (any StateStore) throws(StoreError) -> Void
    ) throws {
        do {
            guard let store = try StateOpening.forSideWrites(state) else {
                printError(
                    "feedwatch: \(command): no state at \(state) yet; run the monitor once first")
                throw ExitStatus.failures
            }
            try body(store)
        } catch let error as StoreError {
            printError("\(error)")
            throw ExitStatus.failures
        }
    }
}
