import FeedFetcher
import Foundation

/// A feed named on the command line, read: its bytes and what the parser
/// should know of where they came from.
struct FeedDocument {
    /// The argument as the user gave it.
    var input: String
    var data: Data
    /// The server's `Content-Type`, whose charset the parser honours (nil for
    /// files and standard input).
    var contentType: String?
    /// The address after redirects, for relative links (nil for files and
    /// standard input, whose relative links have nothing sensible to resolve against).
    var baseURL: URL?
}

/// Reads the `FILE|URL|-` arguments of `feedwatch parse` and `feedwatch rules
/// test` through the monitor's fetcher, so that a feed read here is read as
/// the monitor would read it: http(s) through libcurl with the same limits
/// and errors, files and `file:` URLs with the same size cap, `-` from
/// standard input.
struct FeedInputReader {
    let fetcher: FeedFetcher

    init(options: FetchOptions) {
        fetcher = FeedFetcher(options: options)
    }

    /// Reads one input.
    func read(_ input: String) -> Result<FeedDocument, FetchError> {
        var result: Result<FeedDocument, FetchError> = .failure(
            .transport(url: input, message: "nothing was read"))
        read([input]) { result = $1 }
        return result
    }

    /// Reads `inputs` and calls `body` with each one's document, or with why
    /// it could not be read, in the order given. Inputs are fetched a batch
    /// of `options.concurrency` at a time, so many URLs download in parallel
    /// while only one batch of bodies is held in memory.
    func read(
        _ inputs: [String], _ body: (String, Result<FeedDocument, FetchError>) throws -> Void
    ) rethrows {
        let batchSize = max(fetcher.options.concurrency, 1)
        var start = 0
        while start < inputs.count {
            let batch = Array(inputs[start..<min(start + batchSize, inputs.count)])
            let results = fetch(batch)
            for (index, input) in batch.enumerated() {
                if input == "-" {
                    let data = FileHandle.standardInput.readDataToEndOfFile()
                    try body(input, .success(FeedDocument(input: input, data: data)))
                } else {
                    try body(
                        input,
                        results[index]
                            ?? .failure(.transport(url: input, message: "nothing was read")))
                }
            }
            start += batch.count
        }
    }

    /// Fetches every input of `batch` but `-`, keyed by its position.
    private func fetch(_ batch: [String]) -> [Int: Result<FeedDocument, FetchError>] {
        var results: [Int: Result<FeedDocument, FetchError>] = [:]
        var requests: [FeedRequest] = []
        for (index, input) in batch.enumerated() where input != "-" {
            switch Self.url(for: input) {
            case .success(let url):
                // The position names the request: the same URL may be given twice.
                requests.append(FeedRequest(feedName: String(index), url: url))
            case .failure(let error):
                results[index] = .failure(error)
            }
        }
        guard !requests.isEmpty else { return results }
        fetcher.fetch(requests) { fetched in
            guard let index = Int(fetched.request.feedName) else { return }
            results[index] = Self.document(batch[index], from: fetched)
        }
        return results
    }

    private static func document(_ input: String, from fetched: FetchResult) -> Result<
        FeedDocument, FetchError
    > {
        switch fetched.outcome {
        case .fetched(let body):
            let isFile = body.effectiveURL.isFileURL
            return .success(
                FeedDocument(
                    input: input, data: body.bytes, contentType: body.contentType,
                    baseURL: isFile ? nil : body.effectiveURL))
        case .notModified(let status):
            // No validators were sent, so a server that answers 304 is confused.
            return .failure(
                .transport(
                    url: fetched.request.url.absoluteString,
                    message: "HTTP \(status) Not Modified to an unconditional request"))
        case .failed(let error):
            return .failure(error)
        }
    }

    /// `http:`, `https:` and `file:` arguments are URLs (a relative `file:`
    /// path is relative to the current folder, as a plain path is); anything
    /// else with `://` is a URL the fetcher refuses; the rest are file paths.
    static func url(for input: String) -> Result<URL, FetchError> {
        let lowered = input.lowercased()
        let isURL = ["http:", "https:", "file:"].contains { lowered.hasPrefix($0) }
        guard isURL || input.contains("://") else {
            return .success(URL(fileURLWithPath: input))
        }
        guard let url = URL(string: input), url.scheme != nil else {
            return .failure(.transport(url: input, message: "not a valid URL"))
        }
        if url.isFileURL, !url.path.hasPrefix("/") {
            return .success(URL(fileURLWithPath: url.path))
        }
        return .success(url)
    }
}
