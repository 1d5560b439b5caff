import AlertLog
import AlertReview
import ArgumentParser
import Foundation

/// `feedwatch alerts export --jsonl [--output FILE]`: the whole alert record,
/// oldest first, in the log's own line format.
struct AlertsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole alert record, oldest first, as JSON Lines.",
        discussion: """
            Every record the state's index holds (alerts, folded reports, escalations and \
            feed-health alerts), each line exactly as the alert log has it. Works beside a \
            running monitor. With --output the file appears only once complete. Exit 1 when \
            a record could not be read (each is named on standard error; the rest are written).
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "JSON Lines, one alert per line as in the alert log (the one format).")
    var jsonl = false

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if !jsonl { throw ValidationError("choose the format: --jsonl") }
    }

    func run() throws {
        let review = try openReview(common, command: "alerts export")
        let problems: [AlertLogReader.CorruptLine]
        if let output {
            problems = try exportToFile(review, output)
        } else {
            let out = FileHandle.standardOutput
            problems = try AlertRecordExport(search: review).export { line in
                var bytes = line
                bytes.append(0x0A)
                out.write(bytes)
            }
        }
        for problem in problems { printError(problem.description) }
        if !problems.isEmpty { throw ExitStatus.failures }
    }

    /// Writes beside `path` and renames into place, so that a reader never
    /// sees half an export.
    private func exportToFile(_ review: AlertSearch, _ path: String) throws
        -> [AlertLogReader.CorruptLine]
    {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial)
        else {
            printError("feedwatch: alerts export: cannot create \(partial)")
            throw ExitStatus.failures
        }
        do {
            var buffer = Data()
            let problems = try AlertRecordExport(search: review).export { line in
                buffer.append(line)
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) {
                _ = try FileManager.default.replaceItemAt(
                    URL(fileURLWithPath: path), withItemAt: URL(fileURLWithPath: partial))
            } else {
                try FileManager.default.moveItem(atPath: partial, toPath: path)
            }
            return problems
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            printError("feedwatch: alerts export: \(path): \(error.localizedDescription)")
            throw ExitStatus.failures
        }
    }
}
