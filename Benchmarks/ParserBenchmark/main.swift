// Parser throughput and memory against `xmllint --noout --stream` and
// Python feedparser, over two generated corpora (seeded: the same bytes every
// run): the standard one, short summaries, and an HTML-rich one, articles as
// news sites publish them. Build with `swift build -c release --product parser-benchmark`.
//
// Usage: parser-benchmark [CORPUS-DIRECTORY] [--feeds N] [--runs N] [--no-python]
//                         [--standard | --html-rich] [--parse-only]
//        (feedwatch and xmllint run N times, 3 by default, and the fastest run
//        counts: a shared machine only ever adds time; both corpora unless one
//        is named; the HTML-rich corpus goes beside CORPUS-DIRECTORY with
//        `-html-rich` added to its name; --parse-only parses each corpus once
//        and prints that parse's CPU time, for profilers: a corpus already
//        complete on disk is read as it is, not generated again, so that the
//        profile holds parsing alone)
//        parser-benchmark --generate-only DIRECTORY [--feeds N]   (write the standard
//        corpus, no timing; the fetch benchmark serves it over HTTP)
import BenchmarkSupport
import FeedModel
import FeedParser
import Foundation

/// The CPU time feedwatch may take, as a multiple of xmllint's on the same files.
let xmllintTarget = 1.5
/// How many times faster than Python feedparser feedwatch must be.
let feedparserTarget = 30.0

// The program's own heap policy, so that the figures are the program's.
HeapRetention.keepFreedHeapBetweenDocuments()

let arguments = BenchmarkArguments()
let feedCount = arguments.integer("--feeds", default: 1000)
let runs = max(1, arguments.integer("--runs", default: 3))
let runsPython = !arguments.has("--no-python")
let parseOnly = arguments.has("--parse-only")
let generateOnly = arguments.value(of: "--generate-only")
let standardDirectory = URL(
    fileURLWithPath: generateOnly ?? arguments.words.first { !$0.hasPrefix("--") && Int($0) == nil }
        ?? "Benchmarks/out/parser-corpus",
    isDirectory: true)
let corpora: [Corpus] =
    generateOnly != nil || arguments.has("--standard")
    ? [.standard] : arguments.has("--html-rich") ? [.htmlRich] : Corpus.allCases

/// A corpus file's name: RSS and Atom in turn.
func fileName(index: Int) -> String {
    String(format: "feed-%04d.%@", index, index % 2 == 1 ? "atom" : "rss")
}

/// Writes the corpus (only files whose bytes changed) and returns its paths and size.
func generate(_ corpus: Corpus) -> (files: [String], megabytes: Double) {
    let directory = corpus.directory(standard: standardDirectory)
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var files: [String] = []
    var totalBytes = 0
    for index in 0..<feedCount {
        let url = directory.appendingPathComponent(fileName(index: index))
        let data = Data(corpus.feed(index: index, targetSize: 50_000).utf8)
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
    print(
        String(
            format: "%@ corpus: %d feeds, %.1f MB in %@", corpus.rawValue, feedCount, megabytes,
            directory.path))
    return (files, megabytes)
}

/// Parses every file once; the items parsed and the files that failed.
func parseAll(_ files: [String]) -> (items: Int, failures: Int) {
    var items = 0
    var failures = 0
    for path in files {
        guard let data = FileManager.default.contents(atPath: path) else {
            failures += 1
            continue
        }
        do {
            items += try FeedParser.parse(data).items.count
        } catch {
            failures += 1
        }
    }
    return (items, failures)
}

/// What one corpus gave, for its report and verdicts.
struct Measurement {
    var corpus: Corpus
    var megabytes: Double
    var items: Int
    var failures: Int
    var memoryGrowth: Double
    var feedwatch: Run
    var htmlSeconds: Double
    var xmllint: Run?
    var python: Run?
}

func measure(_ corpus: Corpus, files: [String], megabytes: Double) -> Measurement {
    let memoryBefore = peakResidentMegabytes()
    var counts = (items: 0, failures: 0)
    var feedwatchRuns: [Run] = []
    for run in 0..<runs {
        let started = Date()
        let cpuStarted = cpuSeconds()
        let result = parseAll(files)
        if run == 0 { counts = result }
        feedwatchRuns.append(
            Run(
                seconds: Date().timeIntervalSince(started), cpuSeconds: cpuSeconds() - cpuStarted,
                peakMegabytes: peakResidentMegabytes(), status: result.failures == 0 ? 0 : 1))
    }
    let feedwatch = feedwatchRuns.dropFirst().reduce(feedwatchRuns[0]) { $0.fastest($1) }

    // How much of that is reducing HTML to text, which xmllint does not do:
    // the same conversions again, timed alone.
    var htmlSeconds = 0.0
    for path in files {
        guard let data = FileManager.default.contents(atPath: path),
            let feed = try? FeedParser.parse(data)
        else { continue }
        let before = cpuSeconds()
        for item in feed.items {
            if let summary = item.summary { _ = HTMLText.plainText(summary) }
            if let content = item.content, content != item.summary {
                _ = HTMLText.plainText(content)
            }
        }
        htmlSeconds += cpuSeconds() - before
    }

    var xmllint: Run?
    for _ in 0..<runs {
        guard let run = timeProcess("/usr/bin/env", ["xmllint", "--noout", "--stream"] + files)
        else { break }
        xmllint = run.fastest(xmllint)
    }
    var python: Run?
    if runsPython, corpus == .standard,
        timeProcess("/usr/bin/env", ["python3", "-c", "import feedparser"])?.status == 0
    {
        let script = """
            import sys, feedparser
            n = 0
            for path in sys.argv[1:]:
                n += len(feedparser.parse(path).entries)
            """
        // Once: it takes half a minute, and its margin is wide.
        python = timeProcess("/usr/bin/env", ["python3", "-c", script] + files)
    }
    return Measurement(
        corpus: corpus, megabytes: megabytes, items: counts.items, failures: counts.failures,
        memoryGrowth: feedwatch.peakMegabytes - memoryBefore, feedwatch: feedwatch,
        htmlSeconds: htmlSeconds, xmllint: xmllint, python: python)
}

@MainActor func report(_ measurement: Measurement) -> Bool {
    let feedwatch = measurement.feedwatch
    func row(_ name: String, _ run: Run?) {
        guard let run else {
            print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + "  not run")
            return
        }
        print(
            name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(
                    format: "%8.2f s %8.2f s %8.1f MB/s %10.0f items/s %8.1f MB %8.2fx",
                    run.cpuSeconds, run.seconds, measurement.megabytes / run.cpuSeconds,
                    Double(measurement.items) / run.cpuSeconds, run.peakMegabytes,
                    run.cpuSeconds / feedwatch.cpuSeconds))
    }
    print("")
    print(
        "\(measurement.corpus.rawValue) corpus (rates per CPU second, fastest of \(runs) runs for feedwatch and xmllint; wall time for reference, the machine may be shared)"
    )
    print(
        "tool                 CPU time  wall time  throughput          items     peak RSS  vs feedwatch"
    )
    row("feedwatch parser", feedwatch)
    row("xmllint --stream", measurement.xmllint)
    if measurement.corpus == .standard { row("python feedparser", measurement.python) }
    print(
        String(
            format: "items parsed: %d, failures: %d, memory growth while parsing: %.1f MB",
            measurement.items, measurement.failures, measurement.memoryGrowth))
    print(
        String(
            format:
                "of feedwatch's CPU time, about %.2f s is HTML-to-text (xmllint does none); the rest, %.2f s, is %.2fx xmllint",
            measurement.htmlSeconds, feedwatch.cpuSeconds - measurement.htmlSeconds,
            (feedwatch.cpuSeconds - measurement.htmlSeconds)
                / (measurement.xmllint?.cpuSeconds ?? .nan)))

    var verdicts: [String] = []
    var passed = measurement.failures == 0
    if let xmllint = measurement.xmllint {
        let ratio = feedwatch.cpuSeconds / xmllint.cpuSeconds
        let ok = ratio <= xmllintTarget
        passed = passed && ok
        verdicts.append(
            String(
                format: "within %.1fx of xmllint: %@ (%.2fx)", xmllintTarget, ok ? "PASS" : "FAIL",
                ratio))
    } else {
        verdicts.append("xmllint: not run")
        passed = false
    }
    if measurement.corpus == .standard {
        if let python = measurement.python {
            let ok = python.cpuSeconds >= feedparserTarget * feedwatch.cpuSeconds
            passed = passed && ok
            verdicts.append(
                String(
                    format: "%.0fx faster than feedparser: %@ (%.1fx)", feedparserTarget,
                    ok ? "PASS" : "FAIL", python.cpuSeconds / feedwatch.cpuSeconds))
        } else {
            verdicts.append("feedparser: not run")
        }
    }
    print(
        "SUMMARY parser-benchmark \(measurement.corpus.rawValue): "
            + verdicts.joined(separator: "; ") + (passed ? " PASS" : " FAIL"))
    return passed
}

/// The corpus's files when every one is on disk, without generating them again.
func existingFiles(_ corpus: Corpus) -> [String]? {
    let directory = corpus.directory(standard: standardDirectory)
    let paths = (0..<feedCount).map { directory.appendingPathComponent(fileName(index: $0)).path }
    return paths.allSatisfy { FileManager.default.fileExists(atPath: $0) } ? paths : nil
}

var allPassed = true
for corpus in corpora {
    if parseOnly {
        let files = existingFiles(corpus) ?? generate(corpus).files
        let started = cpuSeconds()
        let (items, failures) = parseAll(files)
        print(
            String(
                format: "%@: %d items, %d failures, %.2f s CPU", corpus.rawValue, items, failures,
                cpuSeconds() - started))
        continue
    }
    let (files, megabytes) = generate(corpus)
    if generateOnly != nil { continue }
    let measurement = measure(corpus, files: files, megabytes: megabytes)
    allPassed = report(measurement) && allPassed
}
exit(allPassed ? 0 : 1)
