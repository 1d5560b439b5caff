/// One HTTP response's status line and header fields, parsed from the lines
/// libcurl hands to the header callback (or from a raw header block).
///
/// Pure and lenient: field names compare case-insensitively, repeated fields
/// are kept in order, obsolete line folding is joined, and malformed lines
/// are skipped rather than failing the response.
public struct ResponseHeaders: Sendable, Equatable {
    /// `HTTP/1.1`, `HTTP/2` …
    public var httpVersion: String
    public var status: Int
    public var reason: String
    /// The fields in arrival order, names as sent.
    public var fields: [(name: String, value: String)]

    public init(
        httpVersion: String = "HTTP/1.1", status: Int, reason: String = "",
        fields: [(name: String, value: String)] = []
    ) {
        self.httpVersion = httpVersion
        self.status = status
        self.reason = reason
        self.fields = fields
    }

    /// Parses a status line such as `HTTP/1.1 304 Not Modified` or `HTTP/2 200`;
    /// nil when `line` is not one.
    public init?(statusLine line: String) {
        // Most lines are fields: rule them out before splitting.
        guard line.hasPrefix("HTTP/") else { return nil }
        let trimmed = line.trimmingHTTPWhitespace()
        let parts = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
            let status = Int(parts[1])
        else { return nil }
        self.init(
            httpVersion: String(parts[0]), status: status,
            reason: parts.count > 2 ? String(parts[2]) : "")
    }

    /// Parses a whole header block (status line, fields, optional blank line);
    /// nil when it does not start with a status line.
    public static func parse(_ block: String) -> ResponseHeaders? {
        var lines = block.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        )
        .map(String.init)[...]
        guard let first = lines.popFirst(), var headers = ResponseHeaders(statusLine: first) else {
            return nil
        }
        for line in lines {
            if line.trimmingHTTPWhitespace().isEmpty { break }
            headers.append(line: line)
        }
        return headers
    }

    /// Adds one field line (`Name: value`). A line starting with a space or tab
    /// continues the previous field (obsolete folding); others without a colon are ignored.
    public mutating func append(line: String) {
        if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
            let continuation = line.trimmingHTTPWhitespace()
            if !continuation.isEmpty { fields[fields.count - 1].value += " " + continuation }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingHTTPWhitespace()
        guard !name.isEmpty, !name.contains(" ") else { return }
        fields.append((name, line[line.index(after: colon)...].trimmingHTTPWhitespace()))
    }

    /// The last value of field `name` (case-insensitive).
    public subscript(name: String) -> String? {
        fields.last(where: { $0.name.caseInsensitiveEquals(name) })?.value
    }

    /// Every value of field `name`, in order.
    public func values(of name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// `Content-Length`, when present and a valid number.
    public var contentLength: Int? {
        guard let value = self["Content-Length"] else { return nil }
        return Int(value)
    }

    public var isRedirect: Bool { (300...399).contains(status) && self["Location"] != nil }

    /// 301 and 308: the resource moved for good.
    public var isPermanentRedirect: Bool {
        (status == 301 || status == 308) && self["Location"] != nil
    }

    /// 1xx responses (100 Continue, 103 Early Hints) precede the real one.
    public var isInformational: Bool { (100...199).contains(status) }

    public static func == (lhs: ResponseHeaders, rhs: ResponseHeaders) -> Bool {
        lhs.httpVersion == rhs.httpVersion && lhs.status == rhs.status && lhs.reason == rhs.reason
            && lhs.fields.elementsEqual(
                rhs.fields, by: { $0.name == $1.name && $0.value == $1.value })
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF: the whitespace HTTP allows around values.
    func trimmingHTTPWhitespace() -> String {
        let isWhitespace: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n"
        }
        guard let start = firstIndex(where: { !isWhitespace($0) }),
            let end = lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        return String(self[start...end])
    }

    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}
