import AlertLog
import AlertReview
import ArgumentParser
import Foundation
import Store

/// `feedwatch alerts show ID`: one alert, whole — its rule, the matched text
/// highlighted in the item as it was when the alert fired, its
/// acknowledgement, its deliveries and the other reports of its story.
struct AlertsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One alert, whole, with the matched text highlighted in the item's text.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var zone: DisplayZoneOption

    @Argument(help: "The alert id (or a unique start of it).")
    var id: String

    @Flag(help: "The record as JSON, with its acknowledgement and evidence.")
    var json = false

    func run() throws {
        let settings = try loadConfiguration(common, needing: .alertLog, command: "alerts").settings
        let review = try openReview(settings)
        let alert = try uniqueAlert(startingWith: id, in: review)
        let ack = try review.acknowledgements(of: [alert.id])[alert.id]
        let evidence = try review.evidence(of: alert.id)
        if json {
            let encoder = AlertLogFormat.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            let reviewed = ReviewedAlert(alert: alert, ack: ack, evidence: evidence)
            print(String(decoding: try encoder.encode(reviewed), as: UTF8.self))
            return
        }
        let color = isatty(STDOUT_FILENO) != 0
        let time = zone.time
        let sources = try review.currentSources(ofStories: [alert.story])[alert.story]
        print(
            AlertEvidenceText.text(
                alert, evidence: evidence, ack: ack, sources: sources, color: color, time: time))
        // Where the alert was sent, and why a delivery died.
        let state = try? StateOpening.forReview(settings.state)
        if let deliveries = try? state?.deliveries(alertID: alert.id) {
            print("")
            print(
                deliveries.isEmpty
                    ? "deliveries: none (the log only)" : DeliveryLines.text(deliveries))
        }
        // The rest of its story: every other record, folded reports included, oldest first.
        var story = AlertFilter(story: alert.story)
        story.folded = true
        let others = try review.alerts(matching: story, limit: nil).alerts.reversed()
            .filter { $0.id != alert.id }
        guard !others.isEmpty else { return }
        print("\nother reports of story \(alert.story) (feedwatch stories show \(alert.story)):")
        for other in others { print("  " + AlertText.line(other, color: color, time: time)) }
    }
}
