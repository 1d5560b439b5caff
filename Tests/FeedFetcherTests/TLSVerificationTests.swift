import Foundation
import Glibc
import TestHTTPServer
import Testing

@testable import FeedFetcher

/// An `openssl s_server` with a fresh self-signed certificate, for as long as the test runs.
struct SelfSignedTLSServer {
    let process: Process
    let directory: URL
    let port: UInt16

    static let openssl = "/usr/bin/openssl"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        let certificate = directory.appendingPathComponent("cert.pem").path
        try Self.run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key,
            "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
        ])
        port = try TestHTTPServer.closedPort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.openssl)
        process.arguments = [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Fetches `path` once s_server listens (its "ACCEPT" line sits in a
    /// pipe buffer, so readiness is learnt by connecting), within 5 s.
    func fetchWhenListening(_ path: String) throws -> FetchResult {
        let url = try #require(URL(string: "https://127.0.0.1:\(port)\(path)"))
        let deadline = Date().addingTimeInterval(5)
        while true {
            let result = try fetchOne(url)
            guard case .failed(.transport(_, let message)) = result.outcome,
                message.contains("onnect"),
                Date() < deadline
            else { return result }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func stop() {
        // SIGKILL, not terminate()'s SIGTERM: the child inherits the test
        // runner's blocked signals, and a blocked SIGTERM never arrives.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}

@Suite("TLS")
struct TLSVerificationTests {
    @Test(
        "a self-signed certificate is refused: verification is on",
        .enabled(if: FileManager.default.isExecutableFile(atPath: SelfSignedTLSServer.openssl)))
    func selfSignedRefused() throws {
        let server = try SelfSignedTLSServer()
        defer { server.stop() }
        let result = try server.fetchWhenListening("/feed.xml")
        guard case .failed(.transport(let failedURL, let message)) = result.outcome else {
            Issue.record("expected a TLS failure, got \(result.outcome)")
            return
        }
        #expect(failedURL == "https://127.0.0.1:\(server.port)/feed.xml")
        #expect(message.contains("certificate"))
    }
}
