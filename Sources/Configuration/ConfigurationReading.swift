import Foundation

/// feeds.conf read leniently: every section that reads cleanly, and every
/// problem with the part of the file it spoils (`ConfigurationPart`).
///
/// Each command asks for the parts it uses (`ConfigurationNeeds`) and fails
/// only on problems there; the others are its warnings. `poll`, `run` and
/// `rules check` need everything (`ConfigurationFile.load`), so a file with any
/// problem never runs the monitor; `alerts` needs `[monitor]`'s state and
/// alert-log paths, so a typo in one feed's section never keeps an analyst
/// from the alert log.
public struct ConfigurationReading: Sendable {
    /// The path as given, for messages.
    public let file: String
    /// What read cleanly: sections and keys with problems are left out (a
    /// `[monitor]` key keeps its default).
    private let readable: ConfigurationFile
    /// Every problem, in line order.
    private let problems: [LocatedProblem]

    /// Reads `path`; only a file that cannot be read at all is an error here.
    public static func read(path: String) throws(ConfigurationError) -> ConfigurationReading {
        let text: String
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            // The absolute path too: the reader may not know which folder
            // the monitor was started in.
            let reason =
                FileManager.default.fileExists(atPath: path)
                ? error.localizedDescription : "there is no such file"
            throw ConfigurationError(
                file: path, line: 0,
                message: "cannot read the file (\(absolute.path)): \(reason)")
        }
        let directory = absolute.deletingLastPathComponent()
        return parse(text: text, file: path, directory: directory)
    }

    /// Reads configuration text; relative paths resolve against `directory`.
    public static func parse(text: String, file: String, directory: URL) -> ConfigurationReading {
        let document = ConfigurationDocument(text: text, file: file)
        var builder = ConfigurationBuilder(file: file, directory: directory)
        builder.add(document.sections)
        return ConfigurationReading(
            file: file, readable: builder.configuration,
            problems: (document.problems + builder.problems).sorted {
                $0.problem.line < $1.problem.line
            })
    }

    /// The configuration as far as it reads, when nothing in `needs` has a
    /// problem; otherwise every problem in `needs`, as one error.
    public func configuration(needing needs: ConfigurationNeeds) throws(ConfigurationError)
        -> ConfigurationFile
    {
        let blocking = problems.filter { needs.covers($0.part) }.map(\.problem)
        guard blocking.isEmpty else { throw ConfigurationError(problems: blocking) }
        return readable
    }

    /// The problems a command that needs `needs` goes on despite.
    public func warnings(outside needs: ConfigurationNeeds) -> [ConfigurationProblem] {
        problems.filter { !needs.covers($0.part) }.map(\.problem)
    }
}

/// The parts of feeds.conf a command reads: its problems there are errors,
/// the rest warnings.
public struct ConfigurationNeeds: Sendable, Equatable {
    /// The `[monitor]` keys read (`state`, `alert-log`); every key when nil.
    public var monitorKeys: Set<String>?
    /// Whether every `[feed]` section must read cleanly.
    public var feeds: Bool
    /// Whether every `[sink]` section must read cleanly.
    public var sinks: Bool
    /// The sinks that must read cleanly when not all must (`sinks test ops`).
    public var sinkNames: Set<String>
    /// Whether a line that belongs to no section is an error.
    public var strayLines: Bool

    public init(
        monitorKeys: Set<String>? = [], feeds: Bool = false, sinks: Bool = false,
        sinkNames: Set<String> = [], strayLines: Bool = false
    ) {
        self.monitorKeys = monitorKeys
        self.feeds = feeds
        self.sinks = sinks
        self.sinkNames = sinkNames
        self.strayLines = strayLines
    }

    /// The whole file: what the monitor and `rules check` need.
    public static let everything = ConfigurationNeeds(
        monitorKeys: nil, feeds: true, sinks: true, strayLines: true)

    /// These `[monitor]` keys (say `state`, `alert-log`), and nothing else.
    public static func monitor(_ keys: String...) -> ConfigurationNeeds {
        ConfigurationNeeds(monitorKeys: Set(keys))
    }

    /// These sinks, and nothing else.
    public static func sinks(_ names: [String]) -> ConfigurationNeeds {
        ConfigurationNeeds(sinkNames: Set(names))
    }

    /// What either needs.
    public static func + (left: ConfigurationNeeds, right: ConfigurationNeeds) -> ConfigurationNeeds
    {
        let keys = left.monitorKeys.flatMap { keys in right.monitorKeys.map(keys.union) }
        return ConfigurationNeeds(
            monitorKeys: keys, feeds: left.feeds || right.feeds, sinks: left.sinks || right.sinks,
            sinkNames: left.sinkNames.union(right.sinkNames),
            strayLines: left.strayLines || right.strayLines)
    }

    func covers(_ part: ConfigurationPart) -> Bool {
        switch part {
        case .monitor(let key):
            guard let monitorKeys else { return true }
            // A problem with the section as a whole spoils every key of it.
            return key.map(monitorKeys.contains) ?? !monitorKeys.isEmpty
        case .feed: return feeds
        // A sink header too broken to name could be any of the sinks needed.
        case .sink(let name): return sinks || name.map(sinkNames.contains) ?? !sinkNames.isEmpty
        case .unattributed: return strayLines
        }
    }
}
