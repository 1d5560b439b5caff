import Foundation

/// Parses the blocks of one `*.rules` file into declarations, collecting every
/// problem rather than stopping at the first.
struct RulesParser {
    let file: String
    var problems: [RulesProblem] = []
    var document = RulesDocument()

    static let blockKeywords = ["entity", "list", "equivalent", "rule"]
    static let entityProperties = ["id", "kind", "alias", "tag"]
    static let ruleProperties = [
        "id", "severity", "match", "unless", "feeds", "notify", "notify-each", "escalate",
    ]

    /// Parses `source`; the problems include the lexer's.
    static func parse(_ source: String, file: String) -> (RulesDocument, [RulesProblem]) {
        var lexer = Lexer(file: file)
        let lines = lexer.lex(source)
        var parser = RulesParser(file: file)
        parser.problems = lexer.problems
        for block in BlockGrouper.group(lines, file: file, problems: &parser.problems) {
            parser.parse(block)
        }
        return (parser.document, parser.problems)
    }

    private init(file: String) { self.file = file }

    private mutating func parse(_ block: Block) {
        let reader = LineReader(line: block.header, file: file)
        guard case .word(let keyword) = block.keyword.kind else {
            return problems.append(
                reader.problem(
                    block.keyword, "a block starts with entity, list, equivalent or rule"))
        }
        switch keyword {
        case "entity": parseEntity(block)
        case "list": parseList(block)
        case "equivalent": parseEquivalent(block)
        case "rule": parseRule(block)
        default:
            problems.append(
                reader.problem(
                    block.keyword,
                    "unknown block \(keyword): a block starts with entity, list, equivalent or rule\(Identifiers.didYouMean(keyword, among: Self.blockKeywords))"
                ))
        }
    }

    /// The single string after a block keyword (`entity "Name"`, `rule "Title"`).
    mutating func headerString(_ block: Block, what: String) -> Located<String>? {
        let reader = LineReader(line: block.header, file: file)
        let arguments = Array(block.arguments)
        guard let first = arguments.first else {
            problems.append(
                reader.problem(nil, "\(block.keyword.written) needs a \(what) in double quotes"))
            return nil
        }
        guard case .string(let value) = first.kind else {
            problems.append(
                reader.problem(
                    first, "the \(what) goes in double quotes, like \"\(first.written)\""))
            return nil
        }
        if arguments.count > 1 {
            problems.append(
                reader.problem(arguments[1], "only one \(what) goes after \(block.keyword.written)")
            )
        }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(reader.problem(first, "the \(what) is empty"))
        }
        return Located(value: value, location: first.location)
    }

    /// The single id-shaped word of a property line (`id x`, `kind person`).
    mutating func singleWord(_ line: SourceLine, what: String) -> Lexeme? {
        let reader = LineReader(line: line, file: file)
        let values = Array(line.lexemes.dropFirst())
        guard let value = values.first else {
            problems.append(
                reader.problem(nil, "\(line.lexemes[0].written) needs a value: the \(what)"))
            return nil
        }
        if values.count > 1 {
            problems.append(
                reader.problem(values[1], "\(line.lexemes[0].written) takes one \(what)"))
        }
        guard case .word = value.kind else {
            problems.append(reader.problem(value, "write the \(what) without quotes"))
            return nil
        }
        return value
    }

    mutating func validId(_ lexeme: Lexeme, line: SourceLine, what: String) -> Located<String>? {
        guard Identifiers.isValid(lexeme.written) else {
            problems.append(
                LineReader(line: line, file: file).problem(
                    lexeme,
                    "\(lexeme.written) is not a valid \(what): use lower-case letters, digits, - and _, starting with a letter or digit"
                ))
            return nil
        }
        return Located(value: lexeme.written, location: lexeme.location)
    }

    mutating func reportUnknownProperty(_ line: SourceLine, in blockName: String, known: [String]) {
        let name = line.lexemes[0].written
        problems.append(
            LineReader(line: line, file: file).problem(
                line.lexemes[0],
                "unknown property \(name) in \(blockName): expected \(known.joined(separator: ", "))\(Identifiers.didYouMean(name, among: known))"
            ))
    }

    mutating func reportRepeated(_ line: SourceLine, seen: inout Set<String>) -> Bool {
        let name = line.lexemes[0].written
        if seen.insert(name).inserted { return false }
        problems.append(
            LineReader(line: line, file: file).problem(
                line.lexemes[0], "\(name) is given twice in this block"))
        return true
    }

    // MARK: Blocks

    private mutating func parseEntity(_ block: Block) {
        guard let name = headerString(block, what: "name") else { return }
        var entity = EntityDeclaration(
            name: name,
            id: Located(value: Identifiers.slug(of: name.value), location: name.location),
            kind: .other, aliases: [], tags: [])
        var seen: Set<String> = []
        var idGiven = false
        for line in block.lines {
            let reader = LineReader(line: line, file: file)
            switch line.lexemes[0].written {
            case "id":
                if reportRepeated(line, seen: &seen) { continue }
                idGiven = true
                if let lexeme = singleWord(line, what: "id"),
                    let id = validId(lexeme, line: line, what: "id")
                {
                    entity.id = id
                }
            case "kind":
                if reportRepeated(line, seen: &seen) { continue }
                guard let lexeme = singleWord(line, what: "kind") else { continue }
                guard let kind = EntityKind(rawValue: lexeme.written) else {
                    let kinds = EntityKind.allCases.map(\.rawValue)
                    problems.append(
                        reader.problem(
                            lexeme,
                            "unknown kind \(lexeme.written): use one of \(kinds.joined(separator: ", "))\(Identifiers.didYouMean(lexeme.written, among: kinds))"
                        ))
                    continue
                }
                entity.kind = kind
            case "alias":
                let values = reader.commaList(
                    line.lexemes.dropFirst(), what: "alias", allowWords: true, allowStrings: true,
                    problems: &problems)
                if values.isEmpty {
                    problems.append(
                        reader.problem(nil, "alias needs at least one name in double quotes"))
                }
                for value in values {
                    guard let text = value.text, !Normalizer.words(of: text).isEmpty else {
                        problems.append(
                            reader.problem(value, "this alias has no letters or digits to match"))
                        continue
                    }
                    // An alias may end a word in `*` as a rule term does (`Пригожин*`).
                    guard isNamePattern(text, value, reader: reader) else { continue }
                    entity.aliases.append(Located(value: text, location: value.location))
                }
            case "tag":
                let values = reader.commaList(
                    line.lexemes.dropFirst(), what: "tag", allowWords: true, allowStrings: false,
                    problems: &problems)
                if values.isEmpty {
                    problems.append(reader.problem(nil, "tag needs at least one tag"))
                }
                entity.tags += values.compactMap { validId($0, line: line, what: "tag") }
            default:
                reportUnknownProperty(line, in: "an entity", known: Self.entityProperties)
            }
        }
        if !idGiven && !Identifiers.isValid(entity.id.value) {
            problems.append(
                LineReader(line: block.header, file: file).problem(
                    block.header.lexemes[1],
                    "this name gives no usable id (\(entity.id.value.isEmpty ? "nothing" : entity.id.value)): add a line `id some-id` to the entity"
                ))
            return
        }
        if Normalizer.words(of: name.value).isEmpty {
            problems.append(
                LineReader(line: block.header, file: file).problem(
                    block.header.lexemes[1], "the name has no letters or digits to match"))
            return
        }
        guard
            isNamePattern(
                name.value, block.header.lexemes[1],
                reader: LineReader(line: block.header, file: file))
        else { return }
        document.entities.append(entity)
    }

    /// Whether a name or alias reads as a pattern: its `*`s end words of at
    /// least three letters, as in rule terms; the problems are reported.
    private mutating func isNamePattern(_ text: String, _ value: Lexeme, reader: LineReader)
        -> Bool
    {
        TextPatternParser.term(
            text, written: value.written, location: value.location,
            contentOffset: value.isString ? 1 : 0, reader: reader, problems: &problems) != nil
    }

    private mutating func parseList(_ block: Block) {
        let reader = LineReader(line: block.header, file: file)
        let arguments = Array(block.arguments)
        guard let idLexeme = arguments.first else {
            return problems.append(reader.problem(nil, "list needs a name, like `list attack`"))
        }
        if arguments.count > 1 {
            problems.append(
                reader.problem(
                    arguments[1], "the terms of a list go on the indented lines below it"))
        }
        guard case .word = idLexeme.kind,
            let id = validId(idLexeme, line: block.header, what: "list name")
        else {
            if idLexeme.isString {
                problems.append(reader.problem(idLexeme, "write the list name without quotes"))
            }
            return
        }
        var list = ListDeclaration(id: id, terms: [])
        for line in block.lines {
            let lineReader = LineReader(line: line, file: file)
            for value in lineReader.commaList(
                line.lexemes[...], what: "term", allowWords: true, allowStrings: true,
                problems: &problems)
            {
                guard let text = value.text else { continue }
                if let term = TextPatternParser.term(
                    text, written: value.written, location: value.location,
                    contentOffset: value.isString ? 1 : 0, reader: lineReader, problems: &problems)
                {
                    list.terms.append(term)
                }
            }
        }
        if list.terms.isEmpty && block.lines.isEmpty {
            problems.append(
                reader.problem(
                    idLexeme,
                    "the list \(id.value) has no terms: put them on indented lines below it"))
        }
        document.lists.append(list)
    }

    private mutating func parseEquivalent(_ block: Block) {
        let reader = LineReader(line: block.header, file: file)
        for line in block.lines {
            problems.append(
                LineReader(line: line, file: file).problem(
                    line.lexemes[0],
                    "equivalent takes its spellings on one line; this indented line belongs to nothing"
                ))
        }
        // Spellings are separated by blanks (commas are tolerated).
        let values = block.arguments.filter { $0.kind != .comma }
        var words: [Located<String>] = []
        for value in values {
            let tokens = Normalizer.tokens(of: value.text ?? "")
            guard tokens.count == 1, let word = tokens.first?.text else {
                let reason =
                    tokens.contains(where: \.isSpaceless)
                    ? " (in a script without spaces each character is a word: list such spellings as aliases)"
                    : ""
                problems.append(
                    reader.problem(
                        value,
                        "\(value.written) is not one word: equivalent spellings are single words\(reason)"
                    ))
                continue
            }
            words.append(Located(value: word, location: value.location))
        }
        guard values.count >= 2 else {
            return problems.append(
                reader.problem(
                    block.keyword,
                    "equivalent needs two or more spellings, like `equivalent rahman rehman`"))
        }
        document.equivalents.append(EquivalentDeclaration(words: words))
    }
}
