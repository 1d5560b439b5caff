import Foundation

/// Serves one client connection: reads HTTP/1.1 requests, answers each with
/// its route's scripted response, and keeps the connection alive until the
/// client or the script closes it.
struct HTTPConnection {
    let number: Int
    let server: TestHTTPServer
    private var io: SocketIO

    init(number: Int, descriptor: Int32, server: TestHTTPServer) {
        self.number = number
        self.server = server
        self.io = SocketIO(descriptor: descriptor)
    }

    mutating func serve() {
        while !server.isStopping, let request = readRequest() {
            let response = server.beginRequest(request)
            let keepOpen = write(response, for: request)
            server.endRequest()
            let clientCloses = request.header("Connection")?.lowercased() == "close"
            guard keepOpen, !response.closeConnection, !clientCloses else { return }
        }
    }

    // MARK: - Reading

    private static let crlf: [UInt8] = [13, 10]

    private mutating func readRequest() -> RecordedRequest? {
        guard let head = io.read(through: Self.crlf + Self.crlf) else { return nil }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(line[..<colon]), value))
        }
        var request = RecordedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: Data(),
            connectionNumber: number)
        // A client that asks first (curl does for large bodies) waits for this before sending.
        if request.header("Expect")?.lowercased() == "100-continue" {
            guard io.write("HTTP/1.1 100 Continue\r\n\r\n") else { return nil }
        }
        if request.header("Transfer-Encoding")?.lowercased() == "chunked" {
            guard let body = readChunkedBody() else { return nil }
            request.body = body
        } else if let length = request.header("Content-Length").flatMap(Int.init), length > 0 {
            guard let body = io.read(count: length) else { return nil }
            request.body = Data(body)
        }
        return request
    }

    private mutating func readChunkedBody() -> Data? {
        var body = Data()
        while true {
            guard let sizeLine = io.read(through: Self.crlf) else { return nil }
            let sizeText = String(decoding: sizeLine, as: UTF8.self).split(separator: ";")[0]
            guard
                let size = Int(sizeText.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16)
            else {
                return nil
            }
            if size == 0 {
                // Trailers, then the blank line that ends the message.
                while let trailer = io.read(through: Self.crlf), trailer.count > 2 {}
                return body
            }
            guard let chunk = io.read(count: size + 2) else { return nil }
            body.append(contentsOf: chunk[..<size])
        }
    }

    // MARK: - Writing

    /// Sends `response`; false when the connection must close (the client
    /// left, the body is close-delimited or endless, or the server stops).
    private func write(_ response: ScriptedResponse, for request: RecordedRequest) -> Bool {
        guard server.sleep(response.delay) else { return false }
        let bodiless = request.method == "HEAD" || response.status == 304 || response.status == 204
        var head = "HTTP/1.1 \(response.status) \(Self.reason(for: response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        switch response.bodyMode {
        case .contentLength:
            if !response.hasHeader("Content-Length") && !bodiless {
                head += "Content-Length: \(response.body.count)\r\n"
            }
        case .chunked, .endless:
            head += "Transfer-Encoding: chunked\r\n"
        case .untilClose:
            break
        case .stalled:
            head += "Content-Length: \(response.body.count + 1000)\r\n"
        }
        if response.closeConnection || response.bodyMode == .untilClose {
            head += "Connection: close\r\n"
        }
        head += "\r\n"
        guard io.write(head) else { return false }
        if bodiless { return true }

        switch response.bodyMode {
        case .contentLength:
            return io.write(response.body)
        case .chunked(let size):
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + max(1, size), response.body.count)
                guard writeChunk(response.body[offset..<end]) else { return false }
                offset = end
            }
            return io.write("0\r\n\r\n")
        case .endless:
            let chunk =
                response.body.isEmpty
                ? Data(repeating: UInt8(ascii: "x"), count: 16 * 1024) : response.body
            while !server.isStopping {
                guard writeChunk(chunk) else { return false }
            }
            return false
        case .untilClose:
            _ = io.write(response.body)
            return false
        case .stalled:
            guard io.write(response.body) else { return false }
            while !io.peerHasClosed() && server.sleep(0.02) {}
            return false
        }
    }

    private func writeChunk(_ bytes: Data) -> Bool {
        io.write(String(bytes.count, radix: 16) + "\r\n") && io.write(bytes) && io.write("\r\n")
    }

    private static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
