// Parser throughput and memory against `xmllint --noout --stream` and
// Python feedparser, over a generated corpus (seeded: the same bytes every
// run). Build with `swift build -c release --product parser-benchmark`.
//
// Usage: parser-benchmark [CORPUS-DIRECTORY] [--feeds N] [--runs N] [--no-python]
//        (feedwatch and xmllint run N times, 3 by default, and the fastest run
//        counts: a shared machine only ever adds time)
//        parser-benchmark --generate-only DIRECTORY [--feeds N]   (write the corpus, no timing;
//        the fetch benchmark serves it over HTTP)
import BenchmarkSupport
import FeedModel
import FeedParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

let arguments = BenchmarkArguments()
let feedCount = arguments.integer("--feeds", default: 1000)
let runs = max(1, arguments.integer("--runs", default: 3))
let runsPython = !arguments.has("--no-python")
let generateOnly = arguments.value(of: "--generate-only")
let directory = URL(
    fileURLWithPath: generateOnly ?? arguments.words.first { !$0.hasPrefix("--") && Int($0) == nil }
        ?? "Benchmarks/out/parser-corpus",
    isDirectory: true)

let words = [
    "minister", "floods", "election", "protest", "Karachi", "Lahore", "Kabul", "border", "talks",
    "army",
    "court", "ruling", "energy", "prices", "market", "report", "attack", "police", "rescue",
    "storm",
    "president", "meeting", "trade", "deal", "strike", "opposition", "budget", "health", "school",
    "water",
    "Zürich", "Москва", "café", "naïve", "東京", "Ελλάδα",
]

func sentence(_ generator: inout SeededGenerator, words count: Int) -> String {
    (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(
        separator: " ")
}

func escaped(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
}

/// One feed of about `targetSize` bytes, RSS 2.0 or Atom 1.0.
func makeFeed(index: Int, targetSize: Int) -> String {
    var generator = SeededGenerator(state: UInt64(index) &* 7919 &+ 1)
    let isAtom = index % 2 == 1
    var body = ""
    var itemNumber = 0
    let day = 86400.0
    while body.utf8.count < targetSize {
        itemNumber += 1
        let title = escaped(sentence(&generator, words: 8))
        let html =
            "<p>\(sentence(&generator, words: 40))</p><p><a href=\"https://news.example.org/a?x=1&y=\(itemNumber)\">"
            + "\(sentence(&generator, words: 5))</a> &#8212; \(sentence(&generator, words: 30))</p>"
        let date = Date(
            timeIntervalSince1970: 1_700_000_000 + Double(index) * day + Double(itemNumber) * 3600)
        let link = "https://news.example.org/\(index)/story-\(itemNumber)?ref=rss&amp;src=feed"
        if isAtom {
            body += """
                  <entry>
                    <title type="html">\(title)</title>
                    <link rel="alternate" href="\(link)"/>
                    <id>tag:news.example.org,2024:\(index)-\(itemNumber)</id>
                    <updated>\(FeedJSON.isoString(date))</updated>
                    <author><name>\(sentence(&generator, words: 2))</name></author>
                    <category term="\(words[itemNumber % words.count])"/>
                    <summary type="html">\(escaped(html))</summary>
                  </entry>

                """
        } else {
            let rfc822 = DateFormatter()
            rfc822.locale = Locale(identifier: "en_US_POSIX")
            rfc822.timeZone = TimeZone(identifier: "UTC")
            rfc822.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            body += """
                  <item>
                    <title>\(title)</title>
                    <link>\(link)</link>
                    <guid isPermaLink="false">\(index)-\(itemNumber)</guid>
                    <pubDate>\(rfc822.string(from: date))</pubDate>
                    <dc:creator>\(sentence(&generator, words: 2))</dc:creator>
                    <category>\(words[itemNumber % words.count])</category>
                    <description>\(escaped(html))</description>
                    \(itemNumber % 3 == 0 ? "<content:encoded><![CDATA[\(html)]]></content:encoded>" : "")
                  </item>

                """
        }
    }
    if isAtom {
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Benchmark feed \(index)</title>
              <link rel="alternate" href="https://news.example.org/\(index)/"/>
              <updated>2024-01-01T00:00:00Z</updated>
              <id>tag:news.example.org,2024:\(index)</id>
            \(body)</feed>

            """
    }
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel>
          <title>Benchmark feed \(index)</title>
          <link>https://news.example.org/\(index)/</link>
          <description>Generated for parser-benchmark</description>
          <ttl>15</ttl>
        \(body)</channel>
        </rss>

        """
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

struct Run {
    /// Wall-clock seconds.
    var seconds: Double
    /// User plus system CPU seconds: what the comparison uses, since the
    /// machine may be shared and wall time then says more about neighbours.
    var cpuSeconds: Double
    var peakMegabytes: Double
    var status: Int32

    /// The faster of two runs of the same work.
    func fastest(_ other: Run?) -> Run {
        guard let other, other.cpuSeconds < cpuSeconds else { return self }
        return other
    }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Runs a program to completion under GNU time, which reports that one
/// child's CPU time and peak memory; nil when it could not run.
func timeProcess(_ executable: String, _ arguments: [String]) -> Run? {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent(
        "parser-benchmark-time-\(getpid())"
    ).path
    defer { try? FileManager.default.removeItem(atPath: report) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%e %U %S %M", "-o", report, executable] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    // A failing command makes GNU time write "Command exited…" first.
    let figures = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "")
        .split(whereSeparator: \.isWhitespace).suffix(4).compactMap { Double($0) }
    guard figures.count == 4 else { return nil }
    return Run(
        seconds: figures[0], cpuSeconds: figures[1] + figures[2], peakMegabytes: figures[3] / 1024,
        status: process.terminationStatus)
}

// MARK: - Corpus

try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
var files: [String] = []
var totalBytes = 0
for index in 0..<feedCount {
    let name = String(format: "feed-%04d.%@", index, index % 2 == 1 ? "atom" : "rss")
    let url = directory.appendingPathComponent(name)
    let text = makeFeed(index: index, targetSize: 50_000)
    let data = Data(text.utf8)
    if (try? Data(contentsOf: url)) != data {
        do { try data.write(to: url) } catch {
            FileHandle.standardError.write(
                Data("parser-benchmark: cannot write \(url.path): \(error)\n".utf8))
            exit(1)
        }
    }
    files.append(url.path)
    totalBytes += data.count
}
let megabytes = Double(totalBytes) / 1_048_576
print(String(format: "corpus: %d feeds, %.1f MB in %@", feedCount, megabytes, directory.path))
if generateOnly != nil { exit(0) }

// MARK: - feedwatch

var items = 0
var failures = 0
let memoryBefore = peakResidentMegabytes()
var feedwatchRuns: [Run] = []
for run in 0..<runs {
    let started = Date()
    let cpuStarted = cpuSeconds()
    for path in files {
        guard let data = FileManager.default.contents(atPath: path) else {
            if run == 0 { failures += 1 }
            continue
        }
        do {
            let count = try FeedParser.parse(data).items.count
            if run == 0 { items += count }
        } catch {
            if run == 0 { failures += 1 }
        }
    }
    feedwatchRuns.append(
        Run(
            seconds: Date().timeIntervalSince(started), cpuSeconds: cpuSeconds() - cpuStarted,
            peakMegabytes: peakResidentMegabytes(), status: failures == 0 ? 0 : 1))
}
let feedwatch = feedwatchRuns.dropFirst().reduce(feedwatchRuns[0]) { $0.fastest($1) }

// How much of that is reducing HTML to text (libxml2's HTML parser), which
// xmllint does not do: the same conversions again, timed alone.
var htmlSeconds = 0.0
for path in files {
    guard let data = FileManager.default.contents(atPath: path),
        let feed = try? FeedParser.parse(data)
    else { continue }
    let before = cpuSeconds()
    for item in feed.items {
        if let summary = item.summary { _ = HTMLText.plainText(summary) }
        if let content = item.content, content != item.summary { _ = HTMLText.plainText(content) }
    }
    htmlSeconds += cpuSeconds() - before
}

// MARK: - xmllint and feedparser

var xmllint: Run?
for _ in 0..<runs {
    guard let run = timeProcess("/usr/bin/env", ["xmllint", "--noout", "--stream"] + files) else {
        break
    }
    xmllint = run.fastest(xmllint)
}
var python: Run?
if runsPython, timeProcess("/usr/bin/env", ["python3", "-c", "import feedparser"])?.status == 0 {
    let script = """
        import sys, feedparser
        n = 0
        for path in sys.argv[1:]:
            n += len(feedparser.parse(path).entries)
        """
    // Once: it takes half a minute, and its margin is wide.
    python = timeProcess("/usr/bin/env", ["python3", "-c", script] + files)
}

// MARK: - Report

@MainActor func row(_ name: String, _ run: Run?) {
    guard let run else {
        print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + "  not run")
        return
    }
    print(
        name.padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(
                format: "%8.2f s %8.2f s %8.1f MB/s %10.0f items/s %8.1f MB %8.2fx", run.cpuSeconds,
                run.seconds,
                megabytes / run.cpuSeconds, Double(items) / run.cpuSeconds, run.peakMegabytes,
                run.cpuSeconds / feedwatch.cpuSeconds))
}

print("")
print(
    "(rates per CPU second, fastest of \(runs) runs for feedwatch and xmllint; wall time for reference, the machine may be shared)"
)
print(
    "tool                 CPU time  wall time  throughput          items     peak RSS  vs feedwatch"
)
row("feedwatch parser", feedwatch)
row("xmllint --stream", xmllint)
row("python feedparser", python)
print(
    String(
        format: "items parsed: %d, failures: %d, memory growth while parsing: %.1f MB", items,
        failures, feedwatch.peakMegabytes - memoryBefore))
print(
    String(
        format:
            "of feedwatch's CPU time, about %.2f s is HTML-to-text (xmllint does none); the rest, %.2f s, is %.2fx xmllint",
        htmlSeconds, feedwatch.cpuSeconds - htmlSeconds,
        (feedwatch.cpuSeconds - htmlSeconds) / (xmllint?.cpuSeconds ?? .nan)))

var verdicts: [String] = []
var passed = failures == 0
if let xmllint {
    let ok = feedwatch.cpuSeconds <= 2 * xmllint.cpuSeconds
    passed = passed && ok
    verdicts.append(
        String(
            format: "within 2x of xmllint: %@ (%.2fx)", ok ? "PASS" : "FAIL",
            feedwatch.cpuSeconds / xmllint.cpuSeconds))
}
if let python {
    let ok = python.cpuSeconds >= 30 * feedwatch.cpuSeconds
    passed = passed && ok
    verdicts.append(
        String(
            format: "30x faster than feedparser: %@ (%.1fx)", ok ? "PASS" : "FAIL",
            python.cpuSeconds / feedwatch.cpuSeconds))
} else {
    verdicts.append("feedparser: not run")
}
print(
    "SUMMARY parser-benchmark: " + verdicts.joined(separator: "; ") + (passed ? " PASS" : " FAIL"))
exit(passed ? 0 : 1)
