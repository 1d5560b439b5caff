import FeedModel
import Foundation

/// Reads the rule tests of `rules/tests/*.test` (`RuleTestRunner` runs them).
///
/// The files use the block syntax of the rules: `item "TITLE"` with optional
/// `summary`, `content`, `feed-tags` lines and one `expect` line naming rule ids
/// or `nothing`. An item passes when exactly the expected rules fire (in any order).
public enum RuleTestFiles {
    static let itemProperties = ["summary", "content", "feed-tags", "expect"]

    /// Every test case of the `*.test` files of `directory`, in name order; none
    /// when the folder does not exist.
    public static func load(directory: URL) throws(RulesError) -> [RuleTestCase] {
        let names =
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".test") }.sorted()
        var cases: [RuleTestCase] = []
        var problems: [RulesProblem] = []
        let display = ShownPath.text(directory)
        for name in names {
            let file = display + "/" + name
            guard
                let data = FileManager.default.contents(
                    atPath: directory.appendingPathComponent(name).path),
                let source = String(data: data, encoding: .utf8)
            else {
                problems.append(
                    RulesProblem(
                        file: file, line: 0, column: 0,
                        message: "cannot read this file as UTF-8 text"))
                continue
            }
            let (fileCases, fileProblems) = parse(source, file: file)
            cases += fileCases
            problems += fileProblems
        }
        if !problems.isEmpty { throw RulesError(problems: problems) }
        return cases
    }

    /// Parses the text of one test file.
    public static func parse(_ source: String, file: String) -> ([RuleTestCase], [RulesProblem]) {
        var lexer = Lexer(file: file)
        let lines = lexer.lex(source)
        var problems = lexer.problems
        var cases: [RuleTestCase] = []
        for block in BlockGrouper.group(lines, file: file, problems: &problems) {
            let header = LineReader(line: block.header, file: file)
            guard block.keyword.written == "item" else {
                problems.append(
                    header.problem(block.keyword, "a test file holds item blocks: item \"TITLE\""))
                continue
            }
            guard let titleLexeme = block.arguments.first,
                case .string(let title) = titleLexeme.kind
            else {
                problems.append(
                    header.problem(block.arguments.first, "item needs its title in double quotes"))
                continue
            }
            var testCase = RuleTestCase(
                file: file, line: block.header.number, title: title, summary: "", content: "",
                feedTags: [], expected: [])
            var hasExpect = false
            for line in block.lines {
                let reader = LineReader(line: line, file: file)
                let name = line.lexemes[0].written
                let values = line.lexemes.dropFirst()
                switch name {
                case "summary", "content":
                    guard values.count == 1, let value = values.first,
                        case .string(let text) = value.kind
                    else {
                        problems.append(
                            reader.problem(values.first, "\(name) needs one text in double quotes"))
                        continue
                    }
                    if name == "summary" {
                        testCase.summary = text
                    } else {
                        testCase.content = text
                    }
                case "feed-tags":
                    testCase.feedTags = reader.commaList(
                        values, what: "tag", allowWords: true, allowStrings: false,
                        problems: &problems
                    ).map(\.written)
                case "expect":
                    hasExpect = true
                    let ids = reader.commaList(
                        values, what: "rule id", allowWords: true, allowStrings: false,
                        problems: &problems
                    ).map(\.written)
                    if ids == ["nothing"] { continue }
                    if ids.isEmpty || ids.contains("nothing") {
                        problems.append(
                            reader.problem(values.first, "expect takes rule ids, or nothing alone"))
                    }
                    testCase.expected += ids
                default:
                    problems.append(
                        reader.problem(
                            line.lexemes[0],
                            "unknown property \(name) in an item: expected \(itemProperties.joined(separator: ", "))\(Identifiers.didYouMean(name, among: itemProperties))"
                        ))
                }
            }
            if !hasExpect {
                problems.append(
                    header.problem(
                        block.keyword,
                        "this item has no expect line: write `expect RULE-ID` or `expect nothing`"))
            }
            cases.append(testCase)
        }
        return (cases, problems)
    }
}
