import Testing

@testable import HTTPTransport

@Suite("Response headers")
struct ResponseHeadersTests {
    @Test("a header block: status line, fields case-insensitive, last value wins")
    func block() throws {
        let headers = try #require(
            ResponseHeaders.parse(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag:  \"v1\" \r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 42\r\n\r\n"
            ))
        #expect(headers.httpVersion == "HTTP/1.1")
        #expect(headers.status == 200)
        #expect(headers.reason == "OK")
        #expect(headers["content-type"] == "application/rss+xml")
        #expect(headers["ETAG"] == "\"v1\"")
        #expect(headers["Set-Cookie"] == "b=2")
        #expect(headers.values(of: "set-cookie") == ["a=1", "b=2"])
        #expect(headers.contentLength == 42)
        #expect(headers["Missing"] == nil)
    }

    @Test(
        "status lines",
        arguments: [
            ("HTTP/2 304\r\n", 304, "HTTP/2", ""),
            ("HTTP/1.0 301 Moved Permanently\r\n", 301, "HTTP/1.0", "Moved Permanently"),
            ("HTTP/1.1 100 Continue", 100, "HTTP/1.1", "Continue"),
        ])
    func statusLines(_ line: String, _ status: Int, _ version: String, _ reason: String) throws {
        let headers = try #require(ResponseHeaders(statusLine: line))
        #expect(headers.status == status)
        #expect(headers.httpVersion == version)
        #expect(headers.reason == reason)
    }

    @Test(
        "not status lines",
        arguments: ["", "Content-Type: text/xml", "HTTP/1.1 abc", "HTTP/1.1 20", "FTP 200 OK"])
    func notStatusLines(_ line: String) {
        #expect(ResponseHeaders(statusLine: line) == nil)
    }

    @Test("folded lines join, lines without a colon are skipped")
    func lenient() {
        var headers = ResponseHeaders(status: 200)
        headers.append(line: "X-Long: first\r\n")
        headers.append(line: "\t second\r\n")
        headers.append(line: "garbage without colon\r\n")
        headers.append(line: "Bad Name: x\r\n")
        headers.append(line: "Empty:\r\n")
        #expect(headers["X-Long"] == "first second")
        #expect(headers.fields.count == 2)
        #expect(headers["Empty"] == "")
    }

    @Test("redirect kinds")
    func redirects() {
        let permanent = ResponseHeaders(status: 308, fields: [("Location", "/new")])
        let temporary = ResponseHeaders(status: 302, fields: [("location", "/elsewhere")])
        let noLocation = ResponseHeaders(status: 301)
        #expect(permanent.isRedirect && permanent.isPermanentRedirect)
        #expect(temporary.isRedirect && !temporary.isPermanentRedirect)
        #expect(!noLocation.isRedirect && !noLocation.isPermanentRedirect)
        #expect(ResponseHeaders(status: 103).isInformational)
    }

    @Test("an unparsable Content-Length is nil")
    func badLength() {
        #expect(
            ResponseHeaders(status: 200, fields: [("Content-Length", "lots")]).contentLength == nil)
    }
}
