/// The part of feeds.conf a problem spoils, so that a command that does not
/// read that part can go on (`ConfigurationReading`): `alerts` is not kept
/// from the alert log by a typo in one feed's section.
public enum ConfigurationPart: Hashable, Sendable {
    /// A key of `[monitor]`, or the section as a whole when nil (written twice,
    /// a broken header, a line that is not `key = value`).
    case monitor(key: String?)
    /// A `[feed NAME]` section; nil when its header is too broken to name it.
    case feed(String?)
    /// A `[sink NAME]` section; nil when its header is too broken to name it.
    case sink(String?)
    /// Neither: an unknown section, a line outside any section.
    case unattributed
}

/// A problem with the part of the file it belongs to.
struct LocatedProblem: Sendable, Equatable {
    var problem: ConfigurationProblem
    var part: ConfigurationPart
}
