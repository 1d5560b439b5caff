import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Store

/// `feedwatch alerts ack ID… [--note TEXT]`: marks alerts as dealt with.
struct AlertsAckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Mark alerts as dealt with (kept in the state; --unacked hides them).",
        discussion: """
            Works beside a running monitor. An alert acknowledged again takes the new note. \
            The acknowledgement records when, who ($USER) and the note; alerts show, --json \
            and --csv include it, and alerts reindex keeps it.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Alert ids (or unique starts of them).")
    var ids: [String]

    @Option(help: "Why, or what was done.")
    var note: String?

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one alert id") }
    }

    func run() throws {
        let settings = try loadConfiguration(common, needing: .alertLog, command: "alerts ack")
            .settings
        let review = try openReview(settings)
        // Every id is resolved before anything is written: a typo acknowledges nothing.
        let alerts = try ids.map { try uniqueAlert(startingWith: $0, in: review) }
        let who = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
        let now = Date()
        try annotate(settings.state, command: "alerts ack") { store throws(StoreError) in
            try store.acknowledge(
                alerts.map { AlertAcknowledgement(alertID: $0.id, time: now, by: who, note: note) })
        }
        for alert in alerts {
            print("acknowledged \(alert.id)  \(alert.rule)  \(alert.item.title ?? alert.item.id)")
        }
    }
}

/// `feedwatch alerts unack ID`: takes an acknowledgement back.
struct AlertsUnackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unack", abstract: "Take back the acknowledgement of an alert.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The alert id (or a unique start of it).")
    var id: String

    func run() throws {
        let settings = try loadConfiguration(common, needing: .alertLog, command: "alerts unack")
            .settings
        let alert = try uniqueAlert(startingWith: id, in: openReview(settings))
        let removed = try annotate(settings.state, command: "alerts unack") {
            store throws(StoreError) in try store.removeAcknowledgement(alertID: alert.id)
        }
        print(removed ? "unacknowledged \(alert.id)" : "\(alert.id) was not acknowledged")
    }
}

/// Runs `body` on the state opened for a side write beside a running
/// monitor; exit status 1 when there is no state yet.
private func annotate<Result>(
    _ state: StateLocation, command: String,
    _ body: (any StateStore) throws(StoreError) -> Result
) throws -> Result {
    let opened: (any StateStore)?
    do {
        opened = try StateOpening.forSideWrites(state)
    } catch {
        throw exitStatus(for: error, command: command)
    }
    guard let store = opened else {
        printError("feedwatch: \(command): no state at \(state) yet: run feedwatch poll")
        throw ExitStatus.failures
    }
    do {
        return try body(store)
    } catch {
        throw exitStatus(for: error, command: command)
    }
}

/// Says what went wrong; a state another process keeps busy past SQLite's
/// wait is exit status 75, any other problem 1.
private func exitStatus(for error: StoreError, command: String) -> ExitCode {
    printError("feedwatch: \(command): \(error)")
    if case .locked = error { return ExitStatus.locked }
    if case .database(_, let message) = error, message.contains("locked") {
        return ExitStatus.locked
    }
    return ExitStatus.failures
}
