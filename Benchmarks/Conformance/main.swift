// Runs FeedParser over the `core` files of the conformance corpus
// (Benchmarks/Conformance/corpus, see its README) and reports field-by-field
// agreement with Python feedparser's reference results, and with each
// file's `Expect:` line where that line speaks about the same field (it
// wins when the two disagree).
//
// Usage: conformance [CORPUS-DIRECTORY] [--verbose] [--all]
import FeedModel
import FeedParser
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let verbose = arguments.contains("--verbose")
/// `--all` adds the `secondary` files: for crashes and hangs more than agreement.
let includesSecondary = arguments.contains("--all")
let corpus = URL(
    fileURLWithPath: arguments.first { !$0.hasPrefix("--") } ?? "Benchmarks/Conformance/corpus",
    isDirectory: true)
let timeLimit: TimeInterval = 5

/// The fields compared, in report order.
enum Field: String, CaseIterable {
    case feedTitle = "feed title"
    case feedLink = "feed link"
    case itemTitle = "item title"
    case itemLink = "item link"
    case itemID = "item id"
    case itemPublished = "item published"
}

struct Tally {
    var compared = 0
    var agreed = 0
}

final class ParseResult: @unchecked Sendable {
    var outcome: Result<Feed, ParserError>?
}

func loadCoreFiles() -> [String] {
    let tableURL = corpus.appendingPathComponent("relevance.tsv")
    guard let table = try? Data(contentsOf: tableURL) else {
        // Without the table no file is compared, and an empty run would read as 100%.
        FileHandle.standardError.write(
            Data(
                "conformance: cannot read \(tableURL.path): run from the repository's root or name the corpus folder\n"
                    .utf8))
        exit(1)
    }
    return table.split(separator: UInt8(ascii: "\n")).dropFirst().compactMap { line in
        let columns = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard columns.count > 2,
            includesSecondary || String(decoding: columns[2], as: UTF8.self) == "core"
        else { return nil }
        return String(decoding: columns[0], as: UTF8.self)
    }
}

/// `Header:` lines of the file's leading comment give its HTTP headers.
func contentType(in data: Data) -> String? {
    let head = String(decoding: data.prefix(2048), as: UTF8.self)
    for line in head.split(whereSeparator: \.isNewline) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("Header:") else { continue }
        let header = trimmed.dropFirst("Header:".count).trimmingCharacters(in: .whitespaces)
        if header.lowercased().hasPrefix("content-type:") {
            return header.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
        }
    }
    return nil
}

func expectLine(in data: Data) -> String? {
    let head = String(decoding: data.prefix(4096), as: UTF8.self)
    for line in head.split(whereSeparator: \.isNewline) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("Expect:") {
            return trimmed.dropFirst("Expect:".count).trimmingCharacters(in: .whitespaces)
        }
    }
    return nil
}

/// Runs the parser with a time limit; nil when it overran.
func parseWithLimit(_ data: Data, contentType: String?, baseURL: URL?) -> Result<Feed, ParserError>?
{
    let result = ParseResult()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result.outcome = Result { () throws(ParserError) -> Feed in
            try FeedParser.parse(data, contentType: contentType, baseURL: baseURL)
        }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    guard done.wait(timeout: .now() + timeLimit) == .success else { return nil }
    return result.outcome
}

let isoFormatter: ISO8601DateFormatter = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter
}()

func normalized(_ text: String?) -> String? {
    guard let text else { return nil }
    let folded = HTMLText.foldWhitespace(text)
    return folded.isEmpty ? nil : folded
}

/// Same value, or same text once markup is reduced (ours may be plain text
/// where feedparser keeps sanitized HTML).
func agrees(_ mine: String?, _ expected: String?) -> Bool {
    let left = normalized(mine)
    let right = normalized(expected)
    if left == right { return true }
    guard let left, let right else { return false }
    let expectedText = HTMLText.plainText(right)
    return left == expectedText || HTMLText.plainText(left) == expectedText
}

// MARK: - Expect lines

/// A Python string literal at the start of `text`: quotes, `u` prefix,
/// backslash escapes. Returns the string and what follows it.
func pythonString(_ text: Substring) -> (String, Substring)? {
    var rest = text.drop(while: { $0 == " " })
    if rest.hasPrefix("u") { rest = rest.dropFirst() }
    guard let quote = rest.first, quote == "'" || quote == "\"" else { return nil }
    rest = rest.dropFirst()
    var result = ""
    while let character = rest.first {
        rest = rest.dropFirst()
        if character == quote { return (result, rest) }
        guard character == "\\", let escape = rest.first else {
            result.append(character)
            continue
        }
        rest = rest.dropFirst()
        switch escape {
        case "n": result.append("\n")
        case "t": result.append("\t")
        case "\\", "'", "\"": result.append(escape)
        case "u", "x", "U":
            let length = escape == "u" ? 4 : escape == "x" ? 2 : 8
            guard let value = UInt32(String(rest.prefix(length)), radix: 16),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            result.unicodeScalars.append(scalar)
            rest = rest.dropFirst(length)
        default:
            result.append("\\")
            result.append(escape)
        }
    }
    return nil
}

/// The `path == 'string'` clauses of an `Expect:` line (chains like
/// `a == b == 'x'` give one clause per path); other clauses are skipped.
func expectations(_ line: String) -> [(path: String, value: String)] {
    var clauses: [(String, String)] = []
    var rest = line[...]
    var paths: [String] = []
    while !rest.isEmpty {
        rest = rest.drop(while: { $0 == " " })
        if rest.hasPrefix("and ") {
            rest = rest.dropFirst(4)
            paths = []
            continue
        }
        if let (literal, after) = pythonString(rest) {
            for path in paths { clauses.append((path, literal)) }
            paths = []
            rest = after
            continue
        }
        // A path up to the next `==`, or a clause we skip up to `and`.
        let end = rest.range(of: " == ")?.lowerBound ?? rest.endIndex
        let nextAnd = rest.range(of: " and ")?.lowerBound ?? rest.endIndex
        if end < nextAnd {
            var path = String(rest[..<end]).trimmingCharacters(in: .whitespaces)
            path = path.replacing(/\.(\w+)/) { "['\($0.output.1)']" }.replacing("\"", with: "'")
            paths.append(path)
            rest = rest[end...].dropFirst(4)
        } else {
            paths = []
            rest = rest[nextAnd...]
        }
    }
    return clauses
}

func value(of path: String, in feed: Feed) -> (field: Field?, value: String?)? {
    let item = feed.items.first
    switch path {
    case "feed['title']", "feed['title_detail']['value']": return (.feedTitle, feed.title)
    case "feed['link']", "feed['links'][0]['href']": return (.feedLink, feed.link)
    case "feed['subtitle']", "feed['tagline']", "feed['description']", "feed['info']",
        "feed['subtitle_detail']['value']", "feed['tagline_detail']['value']",
        "feed['info_detail']['value']":
        return (nil, feed.description)
    case "entries[0]['title']", "entries[0]['title_detail']['value']":
        return (.itemTitle, item?.title)
    case "entries[0]['link']": return (.itemLink, item?.link)
    case "entries[0]['id']", "entries[0]['guid']": return (.itemID, item?.id)
    case "entries[1]['id']": return (nil, feed.items.count > 1 ? feed.items[1].id : nil)
    case "entries[0]['summary']", "entries[0]['description']",
        "entries[0]['summary_detail']['value']":
        return (nil, item?.summary ?? item?.content)
    case "entries[0]['content'][0]['value']": return (nil, item?.content)
    default: return nil
    }
}

// MARK: - The run

var tallies: [Field: Tally] = [:]
/// The same fields against feedparser's reference alone, `Expect:` lines
/// aside: the figure issue trackers quote as the core-suite agreement.
var referenceTallies: [Field: Tally] = [:]
var expectChecked = 0
var expectPassed = 0
var crashed = 0
var hung: [String] = []
var yieldedNothing: [String] = []
var overrides: [String] = []
var failures: [String] = []
let files = loadCoreFiles()
let started = Date()

@MainActor func record(
    _ field: Field, mine: String?, reference: String?, file: String, referenceAlone: String?
) {
    if normalized(mine) != nil || normalized(referenceAlone) != nil {
        referenceTallies[field, default: Tally()].compared += 1
        if agrees(mine, referenceAlone) {
            referenceTallies[field, default: Tally()].agreed += 1
        } else if verbose {
            print(
                "  differs from the reference alone \(field.rawValue) \(file): mine=\(mine ?? "nil") reference=\(referenceAlone ?? "nil")"
            )
        }
    }
    guard normalized(mine) != nil || normalized(reference) != nil else { return }
    tallies[field, default: Tally()].compared += 1
    if agrees(mine, reference) {
        tallies[field, default: Tally()].agreed += 1
    } else if verbose {
        print(
            "  differs \(field.rawValue) \(file): mine=\(mine ?? "nil") reference=\(reference ?? "nil")"
        )
    }
}

for file in files {
    let feedURL = corpus.appendingPathComponent("feeds").appendingPathComponent(file)
    let referenceURL = corpus.appendingPathComponent("reference").appendingPathComponent(
        file + ".json")
    guard let data = try? Data(contentsOf: feedURL) else { continue }
    let reference =
        (try? Data(contentsOf: referenceURL)).flatMap {
            try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
        } ?? [:]
    let referenceFeed = reference["feed"] as? [String: Any] ?? [:]
    let referenceEntries = reference["entries"] as? [[String: Any]] ?? []
    // feedparser read the files with no address, so relative links stay relative.
    guard let outcome = parseWithLimit(data, contentType: contentType(in: data), baseURL: nil)
    else {
        hung.append(file)
        continue
    }
    let feed: Feed
    switch outcome {
    case .success(let parsed): feed = parsed
    case .failure(let error):
        failures.append("\(file): \(error)")
        feed = Feed(format: .rss20)
    }
    let referenceHasSomething = referenceFeed["title_text"] is String || !referenceEntries.isEmpty
    if referenceHasSomething, feed.title == nil, feed.link == nil, feed.items.isEmpty {
        yieldedNothing.append(file)
    }

    // What the Expect line says about a compared field replaces the reference there.
    var expected: [Field: String] = [:]
    let clauses = expectLine(in: data).map(expectations) ?? []
    for (path, expectedValue) in clauses {
        guard let (field, mine) = value(of: path, in: feed) else { continue }
        expectChecked += 1
        if agrees(mine, expectedValue) {
            expectPassed += 1
        } else if verbose {
            print("  expect fails \(file): \(path) mine=\(mine ?? "nil") expected=\(expectedValue)")
        }
        if let field { expected[field] = expectedValue }
    }
    func truth(_ field: Field, _ referenceValue: String?) -> String? {
        guard let fromExpect = expected[field] else { return referenceValue }
        if !agrees(fromExpect, referenceValue) { overrides.append("\(file) (\(field.rawValue))") }
        return fromExpect
    }
    let feedTitle = referenceFeed["title_text"] as? String
    record(
        .feedTitle, mine: feed.title, reference: truth(.feedTitle, feedTitle), file: file,
        referenceAlone: feedTitle)
    let feedLink = referenceFeed["link"] as? String
    record(
        .feedLink, mine: feed.link, reference: truth(.feedLink, feedLink), file: file,
        referenceAlone: feedLink)
    for (index, referenceEntry) in referenceEntries.enumerated() {
        let item = index < feed.items.count ? feed.items[index] : nil
        let first = index == 0
        let title = referenceEntry["title_text"] as? String
        record(
            .itemTitle, mine: item?.title, reference: first ? truth(.itemTitle, title) : title,
            file: file, referenceAlone: title)
        let link = referenceEntry["link"] as? String
        record(
            .itemLink, mine: item?.link, reference: first ? truth(.itemLink, link) : link,
            file: file, referenceAlone: link)
        // Ours always has an id (fallbacks); compare only where feedparser found one.
        if let referenceID = referenceEntry["id"] as? String {
            record(
                .itemID, mine: item?.id,
                reference: first ? truth(.itemID, referenceID) : referenceID, file: file,
                referenceAlone: referenceID)
        }
        // feedparser's `published` falls back to `updated` as ours does.
        let published = (item?.published ?? item?.updated).map { isoFormatter.string(from: $0) }
        let referencePublished = referenceEntry["published"] as? String
        record(
            .itemPublished, mine: published, reference: referencePublished, file: file,
            referenceAlone: referencePublished)
    }
}

let seconds = Date().timeIntervalSince(started)
print(
    "Conformance over \(files.count) \(includesSecondary ? "core and secondary" : "core") files of \(corpus.path)"
)
print("field            agreed / compared")
var totalCompared = 0
var totalAgreed = 0
for field in Field.allCases {
    let tally = tallies[field] ?? Tally()
    totalCompared += tally.compared
    totalAgreed += tally.agreed
    let percent = tally.compared == 0 ? 100 : Double(tally.agreed) * 100 / Double(tally.compared)
    print(
        field.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            + " \(tally.agreed) / \(tally.compared)  (\(String(format: "%.1f", percent))%)")
}
let overall = totalCompared == 0 ? 100 : Double(totalAgreed) * 100 / Double(totalCompared)
let referenceCompared = referenceTallies.values.reduce(0) { $0 + $1.compared }
let referenceAgreed = referenceTallies.values.reduce(0) { $0 + $1.agreed }
print(
    "against feedparser's reference alone (no Expect override): \(referenceAgreed) / \(referenceCompared)  ("
        + String(format: "%.1f", Double(referenceAgreed) * 100 / Double(max(referenceCompared, 1)))
        + "%)")
print("Expect lines checked: \(expectPassed) / \(expectChecked) hold")
print("Expect overrides the reference in \(overrides.count) case(s):")
for line in overrides { print("  \(line)") }
print("parse errors: \(failures.count)")
if verbose { for line in failures { print("  \(line)") } }
print("yielded nothing: \(yieldedNothing.count)")
for line in yieldedNothing { print("  \(line)") }
print("hung (> \(Int(timeLimit))s): \(hung.count)")
for line in hung { print("  \(line)") }
print(
    "SUMMARY conformance: agreement \(String(format: "%.1f", overall))% (\(totalAgreed)/\(totalCompared) fields), "
        + "expect \(expectPassed)/\(expectChecked), crashes \(crashed), hangs \(hung.count), "
        + "nothing \(yieldedNothing.count), files \(files.count), \(String(format: "%.1f", seconds))s "
        + (overall >= 95 && hung.isEmpty ? "PASS" : "FAIL"))
exit(overall >= 95 && hung.isEmpty ? 0 : 1)
