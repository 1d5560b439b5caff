import Foundation
import Glibc
import TestHTTPServer

/// A real SMTP server on 127.0.0.1 for the email tests: Debian's
/// `python3-aiosmtpd` (which `make test` installs), started on a free port,
/// writing each mail it receives, with `X-MailFrom` and `X-RcptTo` added,
/// into a maildir the test reads.
final class LocalSMTPServer {
    let port: UInt16
    let mailDirectory: URL
    private let process: Process

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    init(in folder: URL) throws {
        port = try TestHTTPServer.closedPort()
        mailDirectory = folder.appendingPathComponent("maildir", isDirectory: true)
        process = Process()
        // Debian's interpreter, which has the package; a Python of one's own may not.
        let debianPython = "/usr/bin/python3"
        if FileManager.default.isExecutableFile(atPath: debianPython) {
            process.executableURL = URL(fileURLWithPath: debianPython)
            process.arguments = []
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"]
        }
        process.arguments? += [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
            mailDirectory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Ready when it accepts a connection; gone when the interpreter lacks the module.
        while !Self.accepts(port: port) {
            guard process.isRunning else {
                let message = String(
                    decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw Unavailable(
                    description:
                        "aiosmtpd did not start (apt-get install python3-aiosmtpd): \(message)")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    var url: URL { URL(string: "smtp://127.0.0.1:\(port)")! }  // safe: a literal with a number

    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the child inherits the test runner's signal mask, where SIGTERM is blocked.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The mails received so far, oldest first (maildir names start with the time).
    func messages() throws -> [String] {
        let new = mailDirectory.appendingPathComponent("new")
        guard FileManager.default.fileExists(atPath: new.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: new.path).sorted().map {
            try String(contentsOf: new.appendingPathComponent($0), encoding: .utf8)
        }
    }

    private static func accepts(port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// One received mail, split into what the tests look at.
struct ReceivedMail {
    let text: String

    /// The first value of header `name` in the top-level header block, unfolded.
    func header(_ name: String) -> String? {
        let head = text.components(separatedBy: "\n\n").first ?? text
        var unfolded: [String] = []
        for line in head.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if let first = trimmed.first, first == " " || first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += trimmed
            } else {
                unfolded.append(trimmed)
            }
        }
        let prefix = name.lowercased() + ":"
        return unfolded.first { $0.lowercased().hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The decoded text of the part of type `type` (`text/plain`, `text/html`).
    func part(_ type: String) -> String? {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for section in normalized.components(separatedBy: "--=_feedwatch_").dropFirst() {
            let pieces = section.components(separatedBy: "\n\n")
            guard pieces.count >= 2, pieces[0].contains("Content-Type: \(type)") else { continue }
            let encoded = pieces[1].components(separatedBy: "\n").joined()
            guard let data = Data(base64Encoded: encoded) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        return nil
    }

    /// An RFC 2047 header decoded: each `=?UTF-8?B?…?=` word, folded whitespace between them dropped.
    static func decodedHeader(_ value: String) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "=?UTF-8?B?") {
            result += rest[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "?=") else { break }
            if let data = Data(base64Encoded: String(rest[..<end.lowerBound])) {
                result += String(decoding: data, as: UTF8.self)
            }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }
}
