/// The `rule` block: id, severity, match, unless, feeds, notify, notify-each.
extension RulesParser {
    mutating func parseRule(_ block: Block) {
        guard let title = headerString(block, what: "title") else { return }
        var rule = RuleDeclaration(
            title: title.value,
            id: Located(value: Identifiers.slug(of: title.value), location: title.location),
            severity: .medium, match: nil, matchWritten: "", unless: [], unlessWritten: [],
            feeds: [],
            notify: [], notifyEach: false, location: block.keyword.location, terms: [],
            isComplete: false)
        var seen: Set<String> = []
        var idGiven = false
        var matchGiven = false
        var queriesValid = true
        for line in block.lines {
            let reader = LineReader(line: line, file: file)
            let name = line.lexemes[0].written
            switch name {
            case "id":
                if reportRepeated(line, seen: &seen) { continue }
                idGiven = true
                if let lexeme = singleWord(line, what: "id"),
                    let id = validId(lexeme, line: line, what: "id")
                {
                    rule.id = id
                }
            case "severity":
                if reportRepeated(line, seen: &seen) { continue }
                guard let lexeme = singleWord(line, what: "severity") else { continue }
                guard let severity = Severity(rawValue: lexeme.written) else {
                    let names = Severity.allCases.map(\.rawValue)
                    problems.append(
                        reader.problem(
                            lexeme,
                            "unknown severity \(lexeme.written): use one of \(names.joined(separator: ", "))\(Identifiers.didYouMean(lexeme.written, among: names))"
                        ))
                    continue
                }
                rule.severity = severity
            case "match":
                if reportRepeated(line, seen: &seen) { continue }
                matchGiven = true
                rule.matchWritten = Self.writtenQuery(line)
                rule.match = QueryParser.parse(
                    line.lexemes.dropFirst(), reader: reader, problems: &problems,
                    terms: &rule.terms
                )
                if rule.match == nil { queriesValid = false }
            case "unless":
                // Several unless lines are several exceptions: any one of them vetoes the rule.
                rule.unlessWritten.append(Self.writtenQuery(line))
                if let query = QueryParser.parse(
                    line.lexemes.dropFirst(), reader: reader, problems: &problems,
                    terms: &rule.terms)
                {
                    rule.unless.append(query)
                } else {
                    queriesValid = false
                }
            case "feeds":
                if reportRepeated(line, seen: &seen) { continue }
                let values = reader.commaList(
                    line.lexemes.dropFirst(), what: "feed", allowWords: true, allowStrings: false,
                    problems: &problems)
                if values.isEmpty {
                    problems.append(reader.problem(nil, "feeds needs feed names or tag:… filters"))
                }
                for value in values {
                    if value.written.hasPrefix("tag:") {
                        let tag = String(value.written.dropFirst(4))
                        if Identifiers.isValid(tag) {
                            rule.feeds.append(.tag(tag))
                        } else {
                            problems.append(
                                reader.problem(
                                    value, "\(value.written) is not a feed tag: write tag:some-tag")
                            )
                        }
                    } else {
                        rule.feeds.append(.name(value.written))
                    }
                }
            case "notify":
                if reportRepeated(line, seen: &seen) { continue }
                let values = reader.commaList(
                    line.lexemes.dropFirst(), what: "sink", allowWords: true, allowStrings: false,
                    problems: &problems)
                if values.isEmpty {
                    problems.append(
                        reader.problem(nil, "notify needs sink names, like `notify log`"))
                }
                rule.notify += values.map { Located(value: $0.written, location: $0.location) }
            case "notify-each":
                if reportRepeated(line, seen: &seen) { continue }
                if let extra = line.lexemes.dropFirst().first {
                    problems.append(reader.problem(extra, "notify-each takes no value"))
                }
                rule.notifyEach = true
            default:
                reportUnknownProperty(line, in: "a rule", known: Self.ruleProperties)
            }
        }
        if !idGiven && !Identifiers.isValid(rule.id.value) {
            problems.append(
                LineReader(line: block.header, file: file).problem(
                    block.header.lexemes[1],
                    "this title gives no usable id: add a line `id some-id` to the rule"))
            return
        }
        if !matchGiven {
            problems.append(
                LineReader(line: block.header, file: file).problem(
                    block.keyword,
                    "the rule \(rule.id.value) has no match line: say what it looks for with `match …`"
                ))
            return
        }
        // A rule with a broken query is kept, marked, so that its references and
        // sinks are still checked: the analyst sees every problem at once.
        rule.isComplete = queriesValid
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
