import Foundation

/// Reads file:// feeds directly (libcurl is kept to http and https), with
/// the same `maxSize` cap as the network.
enum FileFetcher {
    static func fetch(_ request: FeedRequest, maxSize: Int) -> FetchResult {
        let started = Date()
        let path = request.url.path
        let outcome = read(path: path, url: request.url, maxSize: maxSize)
        let bytes = outcome.body?.bytes.count ?? 0
        return FetchResult(
            request: request, outcome: outcome, elapsed: Date().timeIntervalSince(started),
            bytesReceived: bytes)
    }

    private static func read(path: String, url: URL, maxSize: Int) -> FetchOutcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failed(.file(path: path, message: "no such file"))
        }
        guard !isDirectory.boolValue else {
            return .failed(.file(path: path, message: "is a directory"))
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            return .failed(.file(path: path, message: "cannot open: \(error.localizedDescription)"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit tells "exactly maxSize" from "larger",
            // also for files with no size (pipes, /dev/zero).
            data = try handle.read(upToCount: maxSize + 1) ?? Data()
        } catch {
            return .failed(.file(path: path, message: "cannot read: \(error.localizedDescription)"))
        }
        guard data.count <= maxSize else {
            return .failed(.tooLarge(url: url.absoluteString, limit: maxSize))
        }
        return .fetched(FetchedBody(status: 200, bytes: data, contentType: nil, effectiveURL: url))
    }
}
