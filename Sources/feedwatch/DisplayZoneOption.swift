import AlertReview
import ArgumentParser
import Foundation

/// `--tz`: the zone times are shown in, and dates without a zone read in.
struct DisplayZoneOption: ParsableArguments {
    @Option(
        name: .customLong("tz"),
        help: ArgumentHelp(
            "Show times, and read dates without a zone, in this zone: local, UTC or a name such as Europe/Paris (default: the machine's, from TZ).",
            valueName: "zone"))
    var name: String?

    func validate() throws {
        if let name, DisplayTime.zone(named: name) == nil {
            throw ValidationError(
                "--tz \(name): write local, UTC, or a zone name such as Europe/Paris or Asia/Kolkata"
            )
        }
    }

    /// The zone: the named one, else the machine's.
    var zone: TimeZone { name.flatMap(DisplayTime.zone(named:)) ?? .current }

    var time: DisplayTime { DisplayTime(zone: zone) }
}
