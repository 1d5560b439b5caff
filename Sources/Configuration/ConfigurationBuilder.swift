import Foundation

/// Turns the sections of a `ConfigurationDocument` into a `ConfigurationFile`,
/// checking every key and value and collecting every problem.
struct ConfigurationBuilder {
    typealias Section = ConfigurationDocument.Section
    typealias Entry = ConfigurationDocument.Entry

    static let monitorKeys = [
        "state", "state-password", "alert-log", "interval", "concurrency", "timeout", "max-size",
        "stale-after",
        "health-notify", "health-severity", "archive", "forget",
    ]
    /// More transfers than this is a typo, not a plan: it would open that many sockets at once.
    static let maximumConcurrency = 1000

    let file: String
    let directory: URL
    var configuration: ConfigurationFile
    private(set) var problems: [LocatedProblem] = []
    /// The part the problems found now belong to.
    private var part = ConfigurationPart.unattributed
    /// Section title → line of its header, to name the first of a duplicate pair.
    private var definedAt: [String: Int] = [:]
    /// Every `health-notify` written, checked once every sink is known.
    var healthNotifyReferences: [HealthNotifyReference] = []
    private var archiveLine = 0

    init(file: String, directory: URL) {
        self.file = file
        self.directory = directory
        configuration = ConfigurationFile(directory: directory)
    }

    mutating func add(_ sections: [Section]) {
        for section in sections {
            part = section.part(ofKey: nil)
            if let first = definedAt[section.title] {
                problem(section.line, "\(section.title) is defined twice (first at line \(first))")
                continue
            }
            definedAt[section.title] = section.line
            switch section.kind {
            case .monitor: addMonitor(section)
            case .sink: addSink(section)
            case .feed: addFeed(section)
            }
        }
        resolveSettingsPaths()
        checkHealthNotify()
        // Spoils both keys: a command that reads one reads the other.
        part = .monitor(key: "archive")
        checkRetention()
    }

    // MARK: Sections

    private mutating func addMonitor(_ section: Section) {
        var settings = configuration.settings
        var statePassword: (value: SecretValue, line: Int)?
        for entry in knownEntries(of: section, allowed: Self.monitorKeys) {
            part = .monitor(key: entry.key)
            switch entry.key {
            case "state": settings.state = StateLocation(written: entry.value)
            case "state-password":
                // Its problems spoil the state: a command that opens it reads both.
                part = .monitor(key: "state")
                if let written = secret(entry) {
                    statePassword = (SecretValue(written), entry.line)
                }
            case "alert-log": settings.alertLogPath = entry.value
            case "interval": duration(entry).map { settings.interval = $0 }
            case "timeout": duration(entry).map { settings.timeout = $0 }
            case "stale-after": duration(entry).map { settings.staleAfter = $0 }
            case "archive":
                duration(entry).map { settings.archive = $0 }
                archiveLine = entry.line
            case "forget": duration(entry).map { settings.forget = $0 }
            case "health-severity":
                if MonitorSection.healthSeverities.contains(entry.value) {
                    settings.healthSeverity = entry.value
                } else {
                    problem(
                        entry.line,
                        "health-severity: '\(entry.value)' is not a severity; use \(MonitorSection.healthSeverities.joined(separator: " | "))"
                    )
                }
            case "max-size": size(entry).map { settings.maxSize = $0 }
            case "concurrency":
                integer(entry, in: 1...Self.maximumConcurrency).map { settings.concurrency = $0 }
            default:
                healthNotify(entry, in: section).map { settings.healthNotify = $0 }
            }
        }
        if let statePassword {
            part = .monitor(key: "state")
            if case .postgreSQL(let url, _) = settings.state {
                settings.state = .postgreSQL(url: url, password: statePassword.value)
            } else {
                problem(
                    statePassword.line,
                    "state-password: only a PostgreSQL state (state = postgresql://…) takes a password; \(settings.state) is a file"
                )
            }
        }
        configuration.settings = settings
    }

    private mutating func resolveSettingsPaths() {
        if case .sqliteFile(let path) = configuration.settings.state {
            configuration.settings.state = .sqliteFile(
                path: ConfigurationPaths.resolve(path, against: directory))
        }
        configuration.settings.alertLogPath = ConfigurationPaths.resolve(
            configuration.settings.alertLogPath, against: directory)
    }

    private mutating func checkHealthNotify() {
        let defined = [ConfigurationFile.logSinkName] + configuration.sinks.map(\.name)
        for reference in healthNotifyReferences {
            for name in reference.sinks where !defined.contains(name) {
                problem(
                    reference.line,
                    "health-notify names sink '\(name)', which no [sink \(name)] section defines",
                    in: reference.part)
            }
        }
    }

    /// A forgotten item takes its archived text with it, so texts kept
    /// longer than items are remembered would be a promise the state breaks.
    private mutating func checkRetention() {
        let settings = configuration.settings
        guard settings.archive > settings.forget else { return }
        problem(
            archiveLine,
            "archive (\(DurationParser.text(settings.archive))) is longer than forget (\(DurationParser.text(settings.forget))): a forgotten item takes its archived text with it; make forget at least as long"
        )
    }

    // MARK: Entries and values

    /// The entries whose keys the section allows; the others are reported.
    mutating func knownEntries(of section: Section, allowed: [String]) -> [Entry] {
        section.entries.filter { entry in
            guard allowed.contains(entry.key) else {
                let suggestion = SpellingSuggestion.closest(to: entry.key, among: allowed)
                let hint =
                    suggestion.map { "did you mean '\($0)'?" }
                    ?? "expected one of: \(allowed.joined(separator: ", "))"
                // A misspelt [monitor] key spoils the key it was meant to be.
                problem(
                    entry.line, "unknown key '\(entry.key)' in \(section.title); \(hint)",
                    in: section.part(ofKey: suggestion ?? entry.key))
                return false
            }
            if entry.value.isEmpty && entry.key != "tags" {
                problem(
                    entry.line, "\(entry.key): needs a value", in: section.part(ofKey: entry.key))
                return false
            }
            return true
        }
    }

    mutating func required<Value>(_ value: Value?, key: String, in section: Section)
        -> Value?
    {
        if value == nil && !section.entries.contains(where: { $0.key == key }) {
            problem(section.line, "\(section.title) has no \(key)")
        }
        return value
    }

    mutating func duration(_ entry: Entry) -> TimeInterval? {
        positive(
            entry, parsedBy: DurationParser.parse, noun: "a duration",
            examples: DurationParser.examples, zero: "longer than zero")
    }

    mutating func size(_ entry: Entry) -> Int? {
        positive(
            entry, parsedBy: ByteSizeParser.parse, noun: "a size",
            examples: ByteSizeParser.examples, zero: "larger than zero")
    }

    /// A value that `parse` reads and that must be above zero, with the problem when it is not.
    private mutating func positive<Value: Numeric & Comparable>(
        _ entry: Entry, parsedBy parse: (String) -> Value?, noun: String, examples: String,
        zero: String
    ) -> Value? {
        guard let value = parse(entry.value) else {
            problem(
                entry.line,
                "\(entry.key): '\(entry.value)' is not \(noun); write it like \(examples)")
            return nil
        }
        guard value > 0 else {
            problem(entry.line, "\(entry.key): must be \(zero)")
            return nil
        }
        return value
    }

    private mutating func integer(_ entry: Entry, in range: ClosedRange<Int>) -> Int? {
        guard let number = Int(entry.value), range.contains(number) else {
            problem(
                entry.line,
                "\(entry.key): '\(entry.value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
            return nil
        }
        return number
    }

    mutating func boolean(_ entry: Entry) -> Bool? {
        switch entry.value.lowercased() {
        case "yes", "true", "on": return true
        case "no", "false", "off": return false
        default:
            problem(entry.line, "\(entry.key): '\(entry.value)' is not yes or no")
            return nil
        }
    }

    mutating func url(_ entry: Entry, allowingFiles: Bool) -> URL? {
        switch ConfigurationPaths.resolveURL(
            entry.value, allowingFiles: allowingFiles, against: directory)
        {
        case .success(let url): return url
        case .failure(let failure):
            problem(entry.line, "url: \(failure.message)")
            return nil
        }
    }

    mutating func secret(_ entry: Entry) -> String? {
        let prefix = SinkConfiguration.environmentPrefix
        guard entry.value.hasPrefix(prefix) else { return entry.value }
        let variable = entry.value.dropFirst(prefix.count)
        guard Self.isEnvironmentName(variable) else {
            problem(
                entry.line, "\(entry.key): '\(variable)' is not an environment variable name")
            return nil
        }
        return entry.value
    }

    /// A comma-separated list, trimmed, without empty items.
    func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    mutating func problem(_ line: Int, _ message: String, in part: ConfigurationPart? = nil) {
        problems.append(
            LocatedProblem(
                problem: ConfigurationProblem(file: file, line: line, message: message),
                part: part ?? self.part))
    }
}
