// Memory of a large JSON Feed: a 10 MB feed of 200,000 items, parsed once,
// with the peak resident memory of this process before and after. With
// `--feedwatch PATH` (repeatable), each of those binaries also parses the
// same file (`feedwatch parse`) under GNU time, to compare builds: for
// instance one from before the streaming JSON reader.
import BenchmarkSupport
import FeedParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

let arguments = BenchmarkArguments()
let itemCount = arguments.integer("--items", default: 200_000)
// Under the 10 MiB that `feedwatch parse` reads at most.
let targetBytes = arguments.integer("--bytes", default: 10_000_000)

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

/// A JSON Feed of `count` items, each padded in its title so that the
/// whole is about `bytes`.
func makeFeed(items count: Int, bytes: Int) -> Data {
    func item(_ index: Int, padding: String) -> String {
        "{\"id\":\"\(index)\",\"title\":\"Item \(index)\(padding)\"}"
    }
    let bare = item(count / 2, padding: "").utf8.count + 1
    let padding = " " + String(repeating: "x", count: max(0, bytes / count - bare - 1))
    var text = #"{"version":"https://jsonfeed.org/version/1.1","title":"Large","items":["#
    text.reserveCapacity(bytes + 1024)
    for index in 0..<count {
        if index > 0 { text += "," }
        text += item(index, padding: padding)
    }
    text += "]}"
    return Data(text.utf8)
}

let feed = makeFeed(items: itemCount, bytes: targetBytes)
let file = FileManager.default.temporaryDirectory.appendingPathComponent(
    "jsonfeed-benchmark-\(getpid()).json")
try feed.write(to: file)
defer { try? FileManager.default.removeItem(at: file) }

let before = peakResidentMegabytes()
let started = Date()
let parsed = try FeedParser.parse(feed, contentType: "application/feed+json")
let seconds = Date().timeIntervalSince(started)
let after = peakResidentMegabytes()
print(
    "JSON Feed of \(String(format: "%.1f", Double(feed.count) / 1_048_576)) MB, "
        + "\(parsed.items.count) items: parsed in \(String(format: "%.2f", seconds)) s; "
        + "peak RSS \(Int(before)) MB before parsing, \(Int(after)) MB after "
        + "(+\(Int(after - before)) MB)")

var binaries: [String] = []
var words = arguments.words[...]
while let word = words.popFirst() {
    if word == "--feedwatch", let path = words.popFirst() { binaries.append(path) }
}
for binary in binaries {
    let report = file.path + ".time"
    defer { try? FileManager.default.removeItem(atPath: report) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-f", "%e %M", "-o", report, binary, "parse", file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let figures = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "")
        .split(whereSeparator: \.isWhitespace).suffix(2).compactMap { Double($0) }
    guard figures.count == 2 else {
        print("\(binary) parse: did not run")
        continue
    }
    print(
        "\(binary) parse: \(String(format: "%.2f", figures[0])) s, "
            + "peak RSS \(Int(figures[1] / 1024)) MB (exit \(process.terminationStatus))")
}
