import Foundation
import Testing

@testable import Configuration

@Suite struct SinkTests {
    let sinks = """
        [sink ops]
        url = https://hooks.example.org/ops
        secret = env:FEEDWATCH_OPS_SECRET

        [sink team]
        url = https://hooks.example.org/team
        secret = plain-secret

        [sink open]
        url = https://hooks.example.org/open
        """

    @Test func secretsResolveFromTheEnvironmentAtUseTime() throws {
        let configuration = try parse(sinks)
        let ops = try #require(configuration.sink(named: "ops"))

        #expect(
            try ops.resolvedSecret(environment: ["FEEDWATCH_OPS_SECRET": "from-env"]) == "from-env")
        #expect(
            try configuration.sink(named: "team")?.resolvedSecret(environment: [:])
                == "plain-secret")
        #expect(try configuration.sink(named: "open")?.resolvedSecret(environment: [:]) == nil)
    }

    @Test func anUnsetSecretVariableIsAnErrorAtTheSinksLine() throws {
        let ops = try #require(try parse(sinks).sink(named: "ops"))

        #expect(
            throws: ConfigurationError(
                file: "feeds.conf", line: 1,
                message:
                    "sink 'ops': secret names environment variable FEEDWATCH_OPS_SECRET, which is not set"
            )
        ) {
            try ops.resolvedSecret(environment: ["FEEDWATCH_OPS_SECRET": ""])
        }
    }

    @Test func referencesToDefinedSinksAndLogPass() throws {
        let configuration = try parse(sinks)

        try configuration.validateSinkReferences([
            SinkReference(name: "ops", file: "rules/afpak.rules", line: 4),
            SinkReference(name: "log", file: "rules/afpak.rules", line: 9),
        ])
    }

    @Test func referencesToUndefinedSinksAreReportedWhereTheyAreWritten() throws {
        let configuration = try parse(sinks)

        do {
            try configuration.validateSinkReferences([
                SinkReference(name: "ops", file: "rules/a.rules", line: 3),
                SinkReference(name: "pager", file: "rules/a.rules", line: 12),
                SinkReference(name: "slack", file: "rules/b.rules", line: 1),
            ])
            Issue.record("no error")
        } catch {
            #expect(
                error.description == """
                    rules/a.rules:12: config: notifies sink 'pager', which feeds.conf does not define (defined: log, ops, team, open)
                    rules/b.rules:1: config: notifies sink 'slack', which feeds.conf does not define (defined: log, ops, team, open)
                    """)
        }
    }

    @Test func anEmailSinkReadsItsEnvelopeLoginAndDigest() throws {
        let configuration = try parse(
            """
            [sink desk]
            url = smtps://mail.example.org:465
            from = feedwatch@example.org
            to = analyst@example.org, desk@example.org
            user = feedwatch
            password = env:FEEDWATCH_MAIL_PASSWORD
            digest = 1h
            """)
        let desk = try #require(configuration.sink(named: "desk"))
        #expect(desk.isMail && desk.format == .email && desk.digest == 3600)
        #expect(
            desk.mail
                == MailSettings(
                    from: "feedwatch@example.org", to: ["analyst@example.org", "desk@example.org"],
                    user: "feedwatch", password: "env:FEEDWATCH_MAIL_PASSWORD"))
        #expect(
            try desk.resolvedPassword(environment: ["FEEDWATCH_MAIL_PASSWORD": "pw"]) == "pw")
        #expect(throws: ConfigurationError.self) { try desk.resolvedPassword(environment: [:]) }
    }

    @Test func aWebhookSinkMayDigestToo() throws {
        let configuration = try parse(
            "[sink ops]\nurl = https://hooks.example.org/ops\ndigest = 30m\n")
        let ops = try #require(configuration.sink(named: "ops"))
        #expect(!ops.isMail && ops.digest == 1800 && ops.mail == nil)
    }
}

/// `ca-file`: the certificates a sink trusts, a file that must be readable,
/// relative to the configuration's folder.
@Suite struct SinkCertificateFileTests {
    @Test func aReadableFileIsKeptAsAnAbsolutePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-ca-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "-----BEGIN CERTIFICATE-----\n".write(
            to: folder.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)

        let configuration = try ConfigurationFile.parse(
            text: """
                [sink desk]
                url = smtps://mail.example.org:465
                from = feedwatch@example.org
                to = desk@example.org
                ca-file = ca.pem

                [sink ops]
                url = https://hooks.example.org/ops
                ca-file = \(folder.path)/ca.pem
                """, file: "feeds.conf", directory: folder)

        let expected = folder.appendingPathComponent("ca.pem").standardizedFileURL.path
        #expect(configuration.sink(named: "desk")?.caFile == expected)
        #expect(configuration.sink(named: "ops")?.caFile == expected)
    }

    @Test func aFileThatCannotBeReadIsAnErrorAtItsLine() throws {
        #expect(
            throws: ConfigurationError(
                file: "feeds.conf", line: 5,
                message:
                    "ca-file: /srv/feedwatch/missing.pem cannot be read; name a PEM file of the certificates to trust"
            )
        ) {
            try parse(
                """
                [sink desk]
                url = smtps://mail.example.org:465
                from = feedwatch@example.org
                to = desk@example.org
                ca-file = missing.pem
                """)
        }
    }
}
