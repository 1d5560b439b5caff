import Foundation
import Testing

/// `feeds import` and `feeds export --opml`, on files as other readers write them.
@Suite struct FeedsImportExportTests {
    /// As Feedly and Inoreader export: OPML 1.0, nested folders, a feed in
    /// two folders, entities, one feed feeds.conf already has (by another spelling).
    static let export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0">
          <head><title>Feedly subscriptions</title></head>
          <body>
            <outline text="South Asia" title="South Asia">
              <outline type="rss" text="Dawn - Home" title="Dawn - Home" xmlUrl="https://www.dawn.com/feeds/home" htmlUrl="https://www.dawn.com"/>
              <outline text="Pakistan" title="Pakistan">
                <outline type="rss" text="Geo &amp; News" title="Geo &amp; News" xmlUrl="https://www.geo.tv/rss/1/1?format=rss&amp;lang=en" htmlUrl="https://www.geo.tv"/>
              </outline>
            </outline>
            <outline text="Wires" title="Wires">
              <outline type="rss" text="Dawn - Home" title="Dawn - Home" xmlUrl="https://www.dawn.com/feeds/home"/>
              <outline type="rss" text="Le Monde.fr - Actualités à la Une" xmlUrl="https://www.lemonde.fr/rss/une.xml"/>
              <outline type="rss" text="Already here" xmlUrl="http://wire.example.org/feed/"/>
            </outline>
            <outline type="rss" text="wire" xmlUrl="https://other.example.org/wire.xml"/>
          </body>
        </opml>
        """
    static let configuration = """
        # the desk's feeds
        [monitor]
        interval = 10m   # keep this comment

        [feed wire]
        url = https://wire.example.org/feed
        tags = wires
        """

    @Test func importAppendsSectionsAndKeepsTheFileByteForByte() throws {
        let workspace = try Workspace()
        try workspace.write("feeds.conf", Self.configuration)
        try workspace.write("feedly.opml", Self.export)

        let result = try workspace.runner.run(["feeds", "import", "feedly.opml"])
        #expect(result.status == 0, "\(result.standardError)")
        let written = workspace.read("feeds.conf")
        #expect(written.hasPrefix(Self.configuration))
        #expect(
            result.standardOutput.contains(
                "skipped http://wire.example.org/feed/: feeds.conf already has it, as [feed wire]"))
        #expect(result.standardOutput.contains("4 feeds added to feeds.conf, 1 skipped"))

        let feeds = try workspace.runner.run(["feeds", "export", "--opml"])
        #expect(feeds.status == 0, "\(feeds.standardError)")
        #expect(
            written.contains(
                "[feed dawn-home]\nurl = https://www.dawn.com/feeds/home\ntags = south-asia, wires\n"
            ))
        #expect(
            written.contains(
                "[feed geo-news]\nurl = https://www.geo.tv/rss/1/1?format=rss&lang=en\ntags = south-asia, pakistan\n"
            ))
        #expect(written.contains("[feed le-monde-fr-actualites-a-la-une]"))
        // The name `wire` is taken: the new feed gets another.
        #expect(written.contains("[feed wire-2]\nurl = https://other.example.org/wire.xml\n"))

        // Importing again adds nothing.
        let again = try workspace.runner.run(["feeds", "import", "feedly.opml"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("0 feeds added"))
        #expect(workspace.read("feeds.conf") == written)
    }

    @Test func exportThenImportGivesTheSameFeeds() throws {
        let source = try Workspace()
        try source.write(
            "feeds.conf",
            """
            [feed dawn]
            url = https://www.dawn.com/feeds/home
            tags = afpak, south-asia

            [feed geo_tv]
            url = https://www.geo.tv/rss/1/1?format=rss&lang=en

            [feed wire]
            url = https://user:pw@wire.example.org/feed
            tags = wires
            header = X-Token: env:WIRE_TOKEN
            """)
        let export = try source.runner.run(["feeds", "export", "--opml", "--output", "out.opml"])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardError.contains("the login in its URL is left out"))
        let opml = source.read("out.opml")
        #expect(!opml.contains("pw@") && !opml.contains("X-Token"))

        let target = try Workspace()
        try target.write("feeds.conf", "[monitor]\ninterval = 10m\n")
        try target.write("in.opml", opml)
        let imported = try target.runner.run(["feeds", "import", "in.opml"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let written = target.read("feeds.conf")
        #expect(
            written.contains(
                "[feed dawn]\nurl = https://www.dawn.com/feeds/home\ntags = afpak, south-asia\n"))
        #expect(
            written.contains("[feed geo_tv]\nurl = https://www.geo.tv/rss/1/1?format=rss&lang=en\n")
        )
        #expect(
            written.contains("[feed wire]\nurl = https://wire.example.org/feed\ntags = wires\n"))
        let check = try target.runner.run(["rules", "check"])
        #expect(!check.standardError.contains("config:"), "\(check.standardError)")
    }

    @Test(arguments: [
        (
            "feed.opml", "<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
            "its root element is <rss>"
        ),
        (
            "cut.opml",
            "<opml version=\"2.0\"><body>\n<outline text=\"a\" xmlUrl=\"https://a.example/f\"/>\n<outline text=\"b\">",
            "ill-formed OPML at line"
        ),
        (
            "page.opml", "<!DOCTYPE html><html><body>Sign in</body></html>",
            "not an OPML subscription list"
        ),
    ])
    func hostileListsAreRefusedNamingTheFile(name: String, text: String, message: String) throws {
        let workspace = try Workspace()
        let before = workspace.read("feeds.conf")
        try workspace.write(name, text)
        let result = try workspace.runner.run(["feeds", "import", name])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains("feedwatch feeds import: \(name): "),
            "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(workspace.read("feeds.conf") == before)
    }

    @Test func aHugeListIsRefusedBeforeItIsRead() throws {
        let workspace = try Workspace()
        let huge =
            "<opml version=\"2.0\"><body>"
            + String(repeating: "<outline text=\"x\"/>", count: 900_000) + "</body></opml>"
        try workspace.write("huge.opml", huge)
        let result = try workspace.runner.run(["feeds", "import", "huge.opml"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("huge.opml: the file is"), "\(result.standardError)")
    }
}
