import Foundation
import Testing

/// `state = postgresql://…` is recognised as a database, never taken for a
/// file name, while that backend is not yet part of the command line.
@Suite struct PostgreSQLStateSettingTests {
    @Test(arguments: [["poll"], ["alerts"], ["state", "stats"]])
    func aPostgreSQLStateIsRefusedWithItsLine(arguments: [String]) throws {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            state = postgresql://desk:hunter2@db.example.org:5432/feedwatch

            [feed wire]
            url = file:wire.xml
            """)

        let result = try workspace.runner.run(arguments)

        #expect(result.status == 65, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "feeds.conf:2: config: state: a PostgreSQL state (postgresql://…) is not supported")
        )
        #expect(!result.standardError.contains("hunter2"))
        #expect(
            !FileManager.default.fileExists(
                atPath: workspace.folder.appendingPathComponent("postgresql:").path))
    }
}
