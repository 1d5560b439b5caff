import CCurl
import Foundation

/// Collects one transfer's responses from libcurl's header and write
/// callbacks: the header block of every response (redirects included, so the
/// chain can be judged) and the final body, capped at `maxSize`.
///
/// libcurl calls the callbacks on the thread that drives the transfer, so
/// this class needs no lock; it is never shared between threads.
final class ResponseCollector {
    let maxSize: Int
    /// Whether libcurl follows redirects: then a redirect's own body is dropped.
    let followsRedirects: Bool
    /// False for HEAD, whose Content-Length describes a body that never comes.
    let expectsBody: Bool
    /// Every response's headers in arrival order; the last is the current one.
    private(set) var responses: [ResponseHeaders] = []
    private(set) var body = Data()
    /// Set when the body or its announced length passed `maxSize` and the
    /// transfer was aborted for it.
    private(set) var exceededMaxSize = false

    init(maxSize: Int, followsRedirects: Bool, expectsBody: Bool = true) {
        self.maxSize = maxSize
        self.followsRedirects = followsRedirects
        self.expectsBody = expectsBody
    }

    /// The last real (not 1xx) response: the one whose body was collected.
    var finalHeaders: ResponseHeaders? { responses.last(where: { !$0.isInformational }) }

    /// Routes `easy`'s header and body callbacks here. `self` must outlive
    /// the transfer: the caller keeps it alongside the handle.
    func attach(to easy: CurlEasyHandle) throws(CurlError) {
        let userData = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(headerCallback: Self.headerCallback, userData: userData)
        try easy.set(writeCallback: Self.writeCallback, userData: userData)
    }

    /// One header line, CRLF included. Returns false to abort the transfer.
    func receiveHeaderLine(_ line: String) -> Bool {
        if let statusLine = ResponseHeaders(statusLine: line) {
            // A new response (after a redirect or a 1xx): its body replaces any earlier one.
            responses.append(statusLine)
            body.removeAll(keepingCapacity: true)
            return true
        }
        guard !responses.isEmpty else { return true }
        let index = responses.count - 1
        if line.trimmingHTTPWhitespace().isEmpty {
            // Refuse an announced oversized body before a byte of it arrives.
            let headers = responses[index]
            if expectsBody, (200...299).contains(headers.status),
                let length = headers.contentLength,
                length > maxSize
            {
                exceededMaxSize = true
                return false
            }
            return true
        }
        // Trailers of a chunked body arrive after the blank line; they stay with their response.
        responses[index].append(line: line)
        return true
    }

    /// Body bytes. Returns false to abort the transfer (the body passed `maxSize`).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // A redirect's own body is of no interest: libcurl is about to follow it.
        if followsRedirects, let current = responses.last, current.isRedirect { return true }
        guard body.count + bytes.count <= maxSize else {
            exceededMaxSize = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    private static let headerCallback: feedwatch_data_callback = { data, size, count, userData in
        let length = size * count
        guard let data, let userData else { return length }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(userData).takeUnretainedValue()
        let line = String(
            decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        // Any count other than `length` tells libcurl to abort.
        return collector.receiveHeaderLine(line) ? length : 0
    }

    private static let writeCallback: feedwatch_data_callback = { data, size, count, userData in
        let length = size * count
        guard let data, let userData else { return length }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(userData).takeUnretainedValue()
        return collector.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
            ? length : 0
    }
}
