import Foundation

/// `[sink NAME]` sections: webhooks (`http`, `https`) and mailboxes (`smtp`, `smtps`).
extension ConfigurationBuilder {
    static let sinkKeys = [
        "url", "format", "secret", "digest", "from", "to", "user", "password", "ca-file",
    ]
    /// The keys only an email sink takes.
    static let mailKeys: Set<String> = ["from", "to", "user", "password"]
    /// A digest period shorter than this would be a message per alert with extra steps.
    static let shortestDigest: TimeInterval = 60

    mutating func addSink(_ section: Section) {
        let name = section.name ?? ""
        if name == ConfigurationFile.logSinkName {
            problem(
                section.line, "sink name '\(name)' is reserved for the alert log; choose another")
            return
        }
        var url: URL?
        var format: SinkConfiguration.Format?
        var formatLine = section.line
        var secret: String?
        var digest: TimeInterval?
        var from: String?
        var recipients: [String] = []
        var user: String?
        var password: String?
        var caFile: String?
        var mailLines: [String: Int] = [:]
        for entry in knownEntries(of: section, allowed: Self.sinkKeys) {
            if Self.mailKeys.contains(entry.key) { mailLines[entry.key] = entry.line }
            switch entry.key {
            case "url": url = sinkURL(entry)
            case "format":
                formatLine = entry.line
                format = sinkFormat(entry)
            case "secret": secret = self.secret(entry)
            case "digest": digest = digestPeriod(entry)
            case "from": from = mailAddress(entry)
            case "to": recipients = list(entry.value).compactMap { mailAddress(entry, $0) }
            case "user": user = entry.value
            case "ca-file": caFile = certificateFile(entry)
            default: password = self.secret(entry)
            }
        }
        guard let url = required(url, key: "url", in: section) else { return }
        let isMail = SinkConfiguration.mailSchemes.contains(url.scheme?.lowercased() ?? "")
        var mail: MailSettings?
        if isMail {
            if let format, format != .email {
                problem(
                    formatLine,
                    "format: an smtp sink sends email; write format = email or leave it out")
            }
            if secret != nil {
                problem(
                    section.line,
                    "sink '\(name)': secret signs webhook requests; an smtp sink takes user and password"
                )
            }
            guard let from = required(from, key: "from", in: section) else { return }
            guard !recipients.isEmpty else {
                problem(
                    mailLines["to"] ?? section.line,
                    "sink '\(name)': to: name at least one recipient")
                return
            }
            mail = MailSettings(from: from, to: recipients, user: user, password: password)
        } else {
            if format == .email {
                problem(formatLine, "format: email is sent to an smtp:// or smtps:// url")
            }
            for (key, line) in mailLines.sorted(by: { $0.value < $1.value }) {
                problem(line, "\(key): only an smtp:// or smtps:// sink takes \(key)")
            }
        }
        configuration.sinks.append(
            SinkConfiguration(
                name: name, url: url, format: format ?? (isMail ? .email : .json), secret: secret,
                line: section.line, file: file, mail: mail, digest: digest, caFile: caFile))
    }

    /// `ca-file = PATH`: a PEM file, relative to the configuration's folder,
    /// that must be there to be read now rather than at the first alert.
    private mutating func certificateFile(_ entry: Entry) -> String? {
        let path = ConfigurationPaths.resolve(entry.value, against: directory)
        guard FileManager.default.isReadableFile(atPath: path) else {
            problem(
                entry.line,
                "ca-file: \(path) cannot be read; name a PEM file of the certificates to trust")
            return nil
        }
        return path
    }

    private mutating func sinkURL(_ entry: Entry) -> URL? {
        let scheme = entry.value.prefix { $0 != ":" }.lowercased()
        guard SinkConfiguration.mailSchemes.contains(scheme) else {
            return url(entry, allowingFiles: false)
        }
        guard !entry.value.contains(where: \.isWhitespace), let url = URL(string: entry.value),
            let host = url.host, !host.isEmpty
        else {
            problem(
                entry.line,
                "url: '\(entry.value)' is not a valid \(scheme) URL (\(scheme)://host:port)")
            return nil
        }
        if url.user != nil || url.password != nil {
            problem(entry.line, "url: put the login in user and password, not in the url")
            return nil
        }
        return url
    }

    private mutating func sinkFormat(_ entry: Entry) -> SinkConfiguration.Format? {
        if let chosen = SinkConfiguration.Format(rawValue: entry.value) { return chosen }
        let formats = SinkConfiguration.Format.allCases.map(\.rawValue).joined(separator: " | ")
        problem(entry.line, "format: '\(entry.value)' is not a sink format; use \(formats)")
        return nil
    }

    private mutating func digestPeriod(_ entry: Entry) -> TimeInterval? {
        guard let period = duration(entry) else { return nil }
        guard period >= Self.shortestDigest else {
            problem(entry.line, "digest: '\(entry.value)' is too short; use 1m or more")
            return nil
        }
        return period
    }

    /// A bare address (`name@example.org`): it goes into headers and the SMTP
    /// envelope as written, so nothing that could end or extend either is allowed.
    private mutating func mailAddress(_ entry: Entry, _ value: String? = nil) -> String? {
        let address = value ?? entry.value.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set("<>()[]\\,;:\" \t\r\n")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            address.allSatisfy({ !forbidden.contains($0) && !$0.isNewline && $0.isASCII })
        else {
            problem(
                entry.line, "\(entry.key): '\(address)' is not an email address (name@example.org)")
            return nil
        }
        return address
    }
}
