import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One timed run of a parser over a whole corpus.
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

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
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
