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

    /// How the server speaks TLS.
    enum Security {
        /// Plain SMTP, no TLS offered.
        case plain
        /// `smtp://`, STARTTLS offered and required before MAIL, with this certificate.
        case startTLS(SelfSignedCertificate)
        /// `smtps://`: TLS from the first byte, with this certificate.
        case implicitTLS(SelfSignedCertificate)
    }

    /// The login the server asks for (AUTH PLAIN or LOGIN), and checks.
    struct Login {
        var user: String
        var password: String
    }

    private let security: Security
    private let loginRecord: URL

    /// Without TLS or a login, aiosmtpd's own command line; with either, the
    /// script below, which checks the login and records each attempt.
    init(in folder: URL, security: Security = .plain, login: Login? = nil) throws {
        port = try TestHTTPServer.closedPort()
        mailDirectory = folder.appendingPathComponent("maildir", isDirectory: true)
        loginRecord = folder.appendingPathComponent("logins.txt")
        self.security = security
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
        switch (security, login) {
        case (.plain, nil):
            process.arguments? += [
                "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c",
                "aiosmtpd.handlers.Mailbox", mailDirectory.path,
            ]
        case (.plain, .some):
            throw Unavailable(description: "a login is only asked for over TLS")
        case (.startTLS(let certificate), _), (.implicitTLS(let certificate), _):
            let script = folder.appendingPathComponent("smtp_server.py")
            try Self.script.write(to: script, atomically: true, encoding: .utf8)
            let mode: String
            if case .implicitTLS = security { mode = "smtps" } else { mode = "starttls" }
            process.arguments? += [
                script.path, mode, String(port), certificate.certificatePath,
                certificate.keyPath, mailDirectory.path, loginRecord.path,
            ]
            var environment = ProcessInfo.processInfo.environment
            environment["SMTP_TEST_USER"] = login?.user
            environment["SMTP_TEST_PASSWORD"] = login?.password
            process.environment = environment
        }
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

    var url: URL {
        let scheme: String
        if case .implicitTLS = security { scheme = "smtps" } else { scheme = "smtp" }
        return URL(string: "\(scheme)://127.0.0.1:\(port)")!  // safe: a literal with a number
    }

    /// Each login the server was offered: `user accepted|refused tls=yes|no`.
    func logins() throws -> [String] {
        guard FileManager.default.fileExists(atPath: loginRecord.path) else { return [] }
        return try String(contentsOf: loginRecord, encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

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

extension LocalSMTPServer {
    /// An SMTP server over TLS with a login, on aiosmtpd: the server checks
    /// the login against the environment's and appends each attempt to the
    /// record, with whether it came over TLS.
    fileprivate static let script = """
        import asyncio, os, ssl, sys
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        mode, port, certificate, key, maildir, record = sys.argv[1:7]
        user = os.environ.get("SMTP_TEST_USER")
        password = os.environ.get("SMTP_TEST_PASSWORD")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate, key)

        def authenticate(server, session, envelope, mechanism, data):
            given = (data.login.decode(), data.password.decode()) if isinstance(data, LoginPassword) else None
            accepted = given == (user, password)
            tls = server.transport.get_extra_info("ssl_object") is not None
            with open(record, "a") as file:
                name = given[0] if given else "?"
                file.write(f"{name} {'accepted' if accepted else 'refused'} tls={'yes' if tls else 'no'}\\n")
            # handled=False: aiosmtpd answers a refusal with its 535.
            return AuthResult(success=accepted, handled=False)

        def protocol():
            if mode == "smtps":
                # TLS from the first byte: aiosmtpd's own check knows only STARTTLS.
                return SMTP(Mailbox(maildir), authenticator=authenticate, auth_require_tls=False,
                            auth_required=user is not None)
            return SMTP(Mailbox(maildir), tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=user is not None)

        async def main():
            server = await asyncio.get_running_loop().create_server(
                protocol, "127.0.0.1", int(port), ssl=context if mode == "smtps" else None)
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """
}

/// A certificate for 127.0.0.1 and its key, made by `openssl req` into a
/// folder: what a TLS test server presents and a client trusts with `ca-file`.
struct SelfSignedCertificate {
    let certificatePath: String
    let keyPath: String

    init(in folder: URL) throws {
        certificatePath = folder.appendingPathComponent("server-cert.pem").path
        keyPath = folder.appendingPathComponent("server-key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", keyPath, "-out", certificatePath,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw LocalSMTPServer.Unavailable(
                description: "openssl req exited with \(openssl.terminationStatus)")
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
