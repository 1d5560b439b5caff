import Foundation

/// `[feed NAME]` sections: where a feed is, how often it is read, and how it
/// is requested and watched where that differs from `[monitor]`.
extension ConfigurationBuilder {
    static let feedKeys = [
        "url", "interval", "tags", "enabled", "user-agent", "header", "user", "password",
        "timeout", "max-size", "stale-after", "health-notify",
    ]
    /// Keys a section may write more than once, each line adding one value.
    static let repeatableFeedKeys: Set<String> = ["header"]
    /// Header fields feedwatch writes itself, or that would break the transfer:
    /// a feed's `header` lines may not set them.
    static let reservedHeaders: [String: String] = [
        "host": "the host comes from the url",
        "user-agent": "write user-agent = … instead",
        "authorization": "write user and password instead",
        "content-length": "feedwatch sends no body",
        "transfer-encoding": "feedwatch sends no body",
        "connection": "connections are managed by feedwatch",
        "if-none-match": "conditional requests are made by feedwatch",
        "if-modified-since": "conditional requests are made by feedwatch",
        "accept-encoding": "compression is negotiated by feedwatch",
    ]

    mutating func addFeed(_ section: Section) {
        var url: URL?
        var interval: TimeInterval?
        var tags: [String] = []
        var enabled = true
        var settings = FeedSettings()
        var user: (name: String, line: Int)?
        var password: (value: SecretValue, line: Int)?
        for entry in knownEntries(of: section, allowed: Self.feedKeys) {
            switch entry.key {
            case "url": url = self.url(entry, allowingFiles: true)
            case "interval": interval = duration(entry)
            case "tags": tags = list(entry.value)
            case "enabled": boolean(entry).map { enabled = $0 }
            case "user-agent": settings.userAgent = entry.value
            case "header": header(entry).map { settings.headers.append($0) }
            case "user": user = (entry.value, entry.line)
            case "password":
                if let written = secret(entry) { password = (SecretValue(written), entry.line) }
            case "timeout": settings.timeout = duration(entry)
            case "max-size": settings.maxSize = size(entry)
            case "stale-after": settings.staleAfter = duration(entry)
            default: settings.healthNotify = healthNotify(entry, in: section)
            }
        }
        switch (user, password) {
        case (let user?, let password?):
            settings.login = FeedLogin(user: user.name, password: password.value)
        case (let user?, nil):
            // Said only when no password line was written (a bad one was reported already).
            if !section.entries.contains(where: { $0.key == "password" }) {
                problem(user.line, "user: needs a password = env:NAME line beside it")
            }
        case (nil, let password?):
            problem(password.line, "password: needs a user = NAME line beside it")
        case (nil, nil): break
        }
        guard let url = required(url, key: "url", in: section) else { return }
        if settings.login != nil || !settings.headers.isEmpty, url.isFileURL {
            problem(section.line, "\(section.title): headers and logins are sent over http(s) only")
        }
        let feed = FeedConfiguration(
            name: section.name ?? "", url: url, interval: interval, tags: tags,
            settings: settings, file: file, line: section.line)
        if enabled {
            configuration.feeds.append(feed)
        } else {
            configuration.disabledFeeds.append(feed)
        }
    }

    /// `Name: value`, with a value that may be `env:NAME`.
    private mutating func header(_ entry: Entry) -> FeedHeader? {
        guard let colon = entry.value.firstIndex(of: ":") else {
            problem(entry.line, "header: '\(entry.value)' is not `Name: value`")
            return nil
        }
        let name = entry.value[..<colon].trimmingCharacters(in: .whitespaces)
        let value = entry.value[entry.value.index(after: colon)...].trimmingCharacters(
            in: .whitespaces)
        // RFC 9110's token characters.
        let tokenCharacters = Set("!#$%&'*+-.^_`|~")
        guard !name.isEmpty,
            name.allSatisfy({
                $0.isASCII && ($0.isLetter || $0.isNumber || tokenCharacters.contains($0))
            })
        else {
            problem(entry.line, "header: '\(name)' is not a header field name")
            return nil
        }
        if let reason = Self.reservedHeaders[name.lowercased()] {
            problem(entry.line, "header: \(name) cannot be set here; \(reason)")
            return nil
        }
        guard !value.isEmpty else {
            problem(entry.line, "header: \(name) needs a value after the ':'")
            return nil
        }
        let prefix = SinkConfiguration.environmentPrefix
        if value.hasPrefix(prefix), !Self.isEnvironmentName(value.dropFirst(prefix.count)) {
            problem(
                entry.line,
                "header: '\(value.dropFirst(prefix.count))' is not an environment variable name")
            return nil
        }
        return FeedHeader(name: name, value: SecretValue(value))
    }

    /// `health-notify`: sink names (`log` among them), or `off` for no
    /// feed-health alerts at all; the names are checked once every sink is read.
    mutating func healthNotify(_ entry: Entry, in section: Section) -> [String]? {
        let names = list(entry.value)
        if names.map({ $0.lowercased() }) == ["off"] { return [] }
        guard !names.isEmpty, !names.contains(where: { $0.lowercased() == "off" }) else {
            problem(
                entry.line,
                "health-notify: name at least one sink, or `log`; or write `off` alone for no feed-health alerts"
            )
            return nil
        }
        healthNotifyReferences.append(
            HealthNotifyReference(
                sinks: names, line: entry.line, part: section.part(ofKey: entry.key)))
        return names
    }

    static func isEnvironmentName(_ name: Substring) -> Bool {
        name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

/// A `health-notify` line, kept until every sink has been read.
struct HealthNotifyReference {
    var sinks: [String]
    var line: Int
    var part: ConfigurationPart
}
