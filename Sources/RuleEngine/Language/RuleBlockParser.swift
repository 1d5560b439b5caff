/// The `rule` block: id, severity, match, unless, feeds, notify, notify-each, escalate.
///
/// Read in three phases: the header gives a rule with its defaults, each
/// property line fills in one property, and the finished rule is checked for
/// what it cannot do without (a usable id, a `match` line).
extension RulesParser {
    /// What the property lines of a rule have given so far, besides the rule.
    struct RuleLinesRead {
        /// The properties given, to report one given twice.
        var seen: Set<String> = []
        var idGiven = false
        var matchGiven = false
        var queriesValid = true
    }

    mutating func parseRule(_ block: Block) {
        guard var rule = ruleWithDefaults(block) else { return }
        var read = RuleLinesRead()
        for line in block.lines {
            readRuleProperty(line, into: &rule, read: &read)
        }
        finishRule(rule, block: block, read: read)
    }

    /// The rule the header names: its id the slug of its title, severity
    /// medium, everything else empty.
    private mutating func ruleWithDefaults(_ block: Block) -> RuleDeclaration? {
        guard let title = headerString(block, what: "title") else { return nil }
        return RuleDeclaration(
            title: title.value,
            id: Located(value: Identifiers.slug(of: title.value), location: title.location),
            severity: .medium, match: nil, matchWritten: "", unless: [], unlessWritten: [],
            feeds: [], notify: [], notifyEach: false, location: block.keyword.location, terms: [],
            isComplete: false)
    }

    /// One indented line of a rule block.
    private mutating func readRuleProperty(
        _ line: SourceLine, into rule: inout RuleDeclaration, read: inout RuleLinesRead
    ) {
        let reader = LineReader(line: line, file: file)
        let name = line.lexemes[0].written
        // Several unless lines are several exceptions; every other property is given once.
        if name != "unless", Self.ruleProperties.contains(name),
            reportRepeated(line, seen: &read.seen)
        {
            return
        }
        switch name {
        case "id":
            read.idGiven = true
            if let lexeme = singleWord(line, what: "id"),
                let id = validId(lexeme, line: line, what: "id")
            {
                rule.id = id
            }
        case "severity":
            if let severity = readSeverity(line, reader: reader) { rule.severity = severity }
        case "match":
            read.matchGiven = true
            rule.matchWritten = Self.writtenQuery(line)
            document.warnings += LowercaseOperators.find(
                in: line.lexemes.dropFirst(), reader: reader)
            rule.match = QueryParser.parse(
                line.lexemes.dropFirst(), reader: reader, problems: &problems, terms: &rule.terms)
            if rule.match == nil { read.queriesValid = false }
        case "unless":
            // Any one of the exceptions vetoes the rule.
            rule.unlessWritten.append(Self.writtenQuery(line))
            document.warnings += LowercaseOperators.find(
                in: line.lexemes.dropFirst(), reader: reader)
            if let query = QueryParser.parse(
                line.lexemes.dropFirst(), reader: reader, problems: &problems, terms: &rule.terms)
            {
                rule.unless.append(query)
            } else {
                read.queriesValid = false
            }
        case "feeds":
            let filters = readFeedFilters(line, reader: reader)
            rule.feeds += filters.map(\.filter)
            rule.feedLocations += filters.map(\.location)
        case "notify":
            let values = reader.commaList(
                line.lexemes.dropFirst(), what: "sink", allowWords: true, allowStrings: false,
                problems: &problems)
            if values.isEmpty {
                problems.append(reader.problem(nil, "notify needs sink names, like `notify log`"))
            }
            rule.notify += values.map { Located(value: $0.written, location: $0.location) }
        case "notify-each":
            if let extra = line.lexemes.dropFirst().first {
                problems.append(reader.problem(extra, "notify-each takes no value"))
            }
            rule.notifyEach = true
        case "escalate":
            rule.escalation = readEscalation(line, reader: reader)
        default:
            reportUnknownProperty(line, in: "a rule", known: Self.ruleProperties)
        }
    }

    /// The `escalate N sources within T` of a rule, nil (reported) when it is written otherwise.
    private mutating func readEscalation(_ line: SourceLine, reader: LineReader) -> Escalation? {
        let words = Array(line.lexemes.dropFirst())
        let shape = "write it like `escalate 3 sources within 6h` (a duration in s, m, h or d)"
        guard words.count == 4, words[1].written == "sources" || words[1].written == "source",
            words[2].written == "within"
        else {
            problems.append(reader.problem(words.first, "escalate: \(shape)"))
            return nil
        }
        guard let sources = Int(words[0].written), sources >= 2 else {
            problems.append(
                reader.problem(
                    words[0],
                    "escalate needs a number of sources of at least 2 (one feed is the alert itself), not \(words[0].written)"
                ))
            return nil
        }
        guard let within = Escalation.duration(words[3].written) else {
            problems.append(
                reader.problem(words[3], "escalate: \(words[3].written) is no duration; \(shape)"))
            return nil
        }
        return Escalation(sources: sources, within: within)
    }

    /// The severity of a `severity` line, nil (reported) when it names none.
    private mutating func readSeverity(_ line: SourceLine, reader: LineReader) -> Severity? {
        guard let lexeme = singleWord(line, what: "severity") else { return nil }
        guard let severity = Severity(rawValue: lexeme.written) else {
            let names = Severity.allCases.map(\.rawValue)
            problems.append(
                reader.problem(
                    lexeme,
                    "unknown severity \(lexeme.written): use one of \(names.joined(separator: ", "))\(Identifiers.didYouMean(lexeme.written, among: names))"
                ))
            return nil
        }
        return severity
    }

    /// The feed names and `tag:` filters of a `feeds` line.
    private mutating func readFeedFilters(_ line: SourceLine, reader: LineReader)
        -> [(filter: FeedFilter, location: SourceLocation)]
    {
        let values = reader.commaList(
            line.lexemes.dropFirst(), what: "feed", allowWords: true, allowStrings: false,
            problems: &problems)
        if values.isEmpty {
            problems.append(reader.problem(nil, "feeds needs feed names or tag:… filters"))
        }
        var filters: [(filter: FeedFilter, location: SourceLocation)] = []
        for value in values {
            guard value.written.hasPrefix("tag:") else {
                filters.append((.name(value.written), value.location))
                continue
            }
            let tag = String(value.written.dropFirst(4))
            if Identifiers.isValid(tag) {
                filters.append((.tag(tag), value.location))
            } else {
                problems.append(
                    reader.problem(value, "\(value.written) is not a feed tag: write tag:some-tag"))
            }
        }
        return filters
    }

    /// Checks the rule as a whole and keeps it when it has an id and a match line.
    private mutating func finishRule(
        _ rule: RuleDeclaration, block: Block, read: RuleLinesRead
    ) {
        let header = LineReader(line: block.header, file: file)
        if !read.idGiven && !Identifiers.isValid(rule.id.value) {
            problems.append(
                header.problem(
                    block.header.lexemes[1],
                    "this title gives no usable id: add a line `id some-id` to the rule"))
            return
        }
        if !read.matchGiven {
            problems.append(
                header.problem(
                    block.keyword,
                    "the rule \(rule.id.value) has no match line: say what it looks for with `match …`"
                ))
            return
        }
        // A rule with a broken query is kept, marked, so that its references and
        // sinks are still checked: the analyst sees every problem at once.
        var rule = rule
        rule.isComplete = read.queriesValid
        document.rules.append(rule)
    }

    /// The query as the analyst wrote it, comment and keyword removed.
    static func writtenQuery(_ line: SourceLine) -> String {
        guard let first = line.lexemes.dropFirst().first, let last = line.lexemes.last else {
            return ""
        }
        let characters = Array(line.text)
        let start = first.location.column - 1
        let end = min(characters.count, last.location.column - 1 + last.written.count)
        guard start < end else { return "" }
        return String(characters[start..<end])
    }
}
