import Foundation

/// Real gzip, made by the system's `gzip` (always on Debian), so responses
/// exercise the client's actual decoder rather than a hand-rolled stream.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Compresses `data` with `gzip -c -n` (no name or time stamp, so output is reproducible).
    public static func compress(_ data: Data) throws -> Data {
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedwatch-gzip-\(UUID().uuidString)")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "gzip exited with status \(process.terminationStatus)")
        }
        return compressed
    }
}
