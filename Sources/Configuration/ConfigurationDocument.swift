/// feeds.conf read as INI: sections of `key = value` entries with their line numbers.
///
/// The syntax, and what this reader decides where INI is vague:
/// - `[monitor]`, `[sink NAME]`, `[feed NAME]` open sections; a name is one
///   word of letters, digits, `-`, `_` and `.`.
/// - A line whose first visible character is `#` is a comment. After a value,
///   a `#` starts a comment only when whitespace precedes it, so a URL
///   fragment (`https://example.org/feed#top`) stays part of the URL.
/// - A value may be written in double quotes (with `\"` and `\\` escapes) to
///   keep a ` #` or surrounding spaces in it.
/// - The same key twice in one section is an error, not "the last one wins".
struct ConfigurationDocument {
    struct Entry {
        var key: String
        var value: String
        var line: Int
    }

    struct Section {
        var kind: SectionKind
        var name: String?
        var line: Int
        var entries: [Entry] = []
    }

    /// The sections feeds.conf knows.
    enum SectionKind: String, CaseIterable {
        case monitor, sink, feed
    }

    var sections: [Section] = []
    var problems: [LocatedProblem] = []

    /// Reads `text`; problems name `file` as given.
    init(text: String, file: String) {
        // nil before the first header, and after a broken one: its keys are
        // skipped quietly so one typo in a header does not cascade.
        var current: Section?
        var insideBrokenSection = false
        // The part a stray line belongs to: the open section's, or a broken header's.
        var openPart = ConfigurationPart.unattributed
        func problem(_ line: Int, _ message: String, _ part: ConfigurationPart) {
            problems.append(
                LocatedProblem(
                    problem: ConfigurationProblem(file: file, line: line, message: message),
                    part: part))
        }
        func closeSection() {
            if let section = current { sections.append(section) }
            current = nil
        }

        // Editors on Windows may start the file with a byte-order mark.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        // By Character, "\r\n" is one newline, so Windows files split right.
        for (offset, rawLine) in body.split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline
        ).enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }

            if line.hasPrefix("[") {
                closeSection()
                switch Self.readHeader(Self.strippingComment(line)) {
                case .success(let section):
                    current = Section(kind: section.kind, name: section.name, line: number)
                    openPart = current?.part(ofKey: nil) ?? .unattributed
                    insideBrokenSection = false
                case .failure(let failure):
                    openPart = failure.part
                    problem(number, failure.message, openPart)
                    insideBrokenSection = true
                }
                continue
            }

            guard let equals = line.firstIndex(of: "=") else {
                problem(
                    number,
                    "expected `key = value`, a `[section]` or a `# comment`, found '\(line)'",
                    openPart)
                continue
            }
            let key = String(line[..<equals].trimmingWhitespace())
            guard !key.isEmpty else {
                problem(number, "a value without a key: '\(line)'", openPart)
                continue
            }
            guard var section = current else {
                if !insideBrokenSection {
                    // `state = …` above every header was meant for [monitor].
                    let part: ConfigurationPart =
                        ConfigurationBuilder.monitorKeys.contains(key)
                        ? .monitor(key: key) : .unattributed
                    problem(
                        number,
                        "key '\(key)' is outside any section; put it under [monitor], [sink NAME] or [feed NAME]",
                        part)
                }
                continue
            }
            let value: String
            switch Self.readValue(line[line.index(after: equals)...]) {
            case .success(let read): value = read
            case .failure(let failure):
                problem(number, "\(key): \(failure.message)", section.part(ofKey: key))
                continue
            }
            let repeatable =
                section.kind == .feed && ConfigurationBuilder.repeatableFeedKeys.contains(key)
            if !repeatable, let earlier = section.entries.first(where: { $0.key == key }) {
                problem(
                    number,
                    "key '\(key)' appears twice in \(section.title) (first at line \(earlier.line))",
                    section.part(ofKey: key))
                continue
            }
            section.entries.append(Entry(key: key, value: value, line: number))
            current = section
        }
        closeSection()
    }

    private struct Header {
        var kind: SectionKind
        var name: String?
    }

    private static func readHeader(_ line: Substring) -> Result<Header, LineProblem> {
        let closed = line.hasSuffix("]") && line.count >= 2
        let words = (closed ? line.dropFirst().dropLast() : line.dropFirst())
            .split(whereSeparator: \.isWhitespace).map(String.init)
        // What a broken header was meant to open, so that its problem spoils that part only.
        let meant = words.first.flatMap {
            SectionKind(rawValue: $0)
                ?? SpellingSuggestion.closest(
                    to: $0.lowercased(), among: SectionKind.allCases.map(\.rawValue)
                ).flatMap(SectionKind.init(rawValue:))
        }
        let names = words.dropFirst()
        let meantPart: ConfigurationPart =
            switch meant {
            case .monitor: .monitor(key: nil)
            case .feed: .feed(names.count == 1 ? names.first : nil)
            case .sink: .sink(names.count == 1 ? names.first : nil)
            case nil: .unattributed
            }
        guard closed else {
            return .failure(
                LineProblem("a section header must end with ']': '\(line)'", meantPart))
        }
        guard let kind = words.first.flatMap(SectionKind.init(rawValue:)) else {
            return .failure(
                LineProblem(
                    "unknown section '\(line)'; expected [monitor], [sink NAME] or [feed NAME]",
                    meantPart))
        }
        if kind == .monitor {
            return names.isEmpty
                ? .success(Header(kind: kind))
                : .failure(LineProblem("[monitor] takes no name: '\(line)'", meantPart))
        }
        guard names.count == 1, let name = names.first else {
            let problem =
                names.isEmpty
                ? "needs a name, as in [\(kind.rawValue) NAME]" : "name must be one word"
            return .failure(LineProblem("section '\(line)': \(problem)", meantPart))
        }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else {
            return .failure(
                LineProblem(
                    "\(kind.rawValue) name '\(name)' may hold only letters, digits, '-', '_' and '.'",
                    meantPart))
        }
        return .success(Header(kind: kind, name: name))
    }

    /// The value after `=`: quoted, or bare up to a whitespace-preceded `#`.
    private static func readValue(_ text: Substring) -> Result<String, LineProblem> {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("\"") else {
            return .success(String(strippingComment(trimmed)))
        }
        var value = ""
        var escaping = false
        var index = trimmed.index(after: trimmed.startIndex)
        while index < trimmed.endIndex {
            let character = trimmed[index]
            index = trimmed.index(after: index)
            if escaping {
                value.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                let rest = trimmed[index...].trimmingWhitespace()
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    return .failure(LineProblem("unexpected '\(rest)' after the closing quote"))
                }
                return .success(value)
            } else {
                value.append(character)
            }
        }
        return .failure(LineProblem("a quoted value is missing its closing '\"'"))
    }

    /// `text` without a trailing ` # comment`.
    private static func strippingComment(_ text: Substring) -> Substring {
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#" && previous.isWhitespace {
                return text[..<index].trimmingWhitespace()
            }
            previous = text[index]
        }
        return text
    }
}

extension ConfigurationDocument.Section {
    /// How messages name the section: `[monitor]`, `[feed dawn]`.
    var title: String { name.map { "[\(kind.rawValue) \($0)]" } ?? "[\(kind.rawValue)]" }

    /// The part a problem with `key` of this section spoils (the section as a whole when nil).
    func part(ofKey key: String?) -> ConfigurationPart {
        switch kind {
        case .monitor: .monitor(key: key)
        case .feed: .feed(name)
        case .sink: .sink(name)
        }
    }
}

/// A message about one line, carried through `Result`, with the part it spoils.
private struct LineProblem: Error {
    var message: String
    var part: ConfigurationPart = .unattributed
    init(_ message: String, _ part: ConfigurationPart = .unattributed) {
        self.message = message
        self.part = part
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
