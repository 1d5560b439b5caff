import Foundation
import Testing

@testable import Configuration

@Suite struct ConfigurationErrorTests {
    /// Text with one mistake → the line and a piece of the message it must produce.
    static let mistakes: [(text: String, line: Int, message: String)] = [
        (
            "[monitor]\nintervall = 10m\n", 2,
            "unknown key 'intervall' in [monitor]; did you mean 'interval'?"
        ),
        (
            "[feed a]\nurl = https://example.org/a\ncolour = red\n", 3,
            "unknown key 'colour' in [feed a]; expected one of: url, interval, tags, enabled, user-agent, header"
        ),
        (
            "[sink s]\nurl = https://example.org/h\nmethod = PUT\n", 3,
            "unknown key 'method' in [sink s]"
        ),
        ("[feeds a]\nurl = https://example.org/a\n", 1, "unknown section '[feeds a]'"),
        ("[feed a\nurl = https://example.org/a\n", 1, "must end with ']'"),
        ("[feed]\nurl = https://example.org/a\n", 1, "needs a name, as in [feed NAME]"),
        ("[feed two words]\nurl = https://example.org/a\n", 1, "name must be one word"),
        ("[feed a/b]\nurl = https://example.org/a\n", 1, "may hold only letters, digits"),
        ("[monitor extra]\n", 1, "[monitor] takes no name"),
        ("interval = 10m\n", 1, "key 'interval' is outside any section"),
        ("[monitor]\njust some words\n", 2, "expected `key = value`"),
        ("[monitor]\n= 10m\n", 2, "a value without a key"),
        (
            "[monitor]\ninterval = 10m\ninterval = 5m\n", 3,
            "key 'interval' appears twice in [monitor] (first at line 2)"
        ),
        ("[monitor]\ninterval = ten minutes\n", 2, "interval: 'ten minutes' is not a duration"),
        ("[monitor]\ninterval = 10\n", 2, "interval: '10' is not a duration"),
        ("[monitor]\ntimeout = 0s\n", 2, "timeout: must be longer than zero"),
        ("[monitor]\nstale-after = 1x\n", 2, "stale-after: '1x' is not a duration"),
        ("[monitor]\narchive = 1 month\n", 2, "archive: '1 month' is not a duration"),
        ("[monitor]\nforget = 0d\n", 2, "forget: must be longer than zero"),
        (
            "[monitor]\nstale-after = 2d\nhealth-severity = urgent\n", 3,
            "health-severity: 'urgent' is not a severity; use low | medium | high | critical"
        ),
        ("[monitor]\nhealth-severity = info\n", 2, "health-severity: 'info' is not a severity"),
        (
            "[monitor]\nforget = 20d\narchive = 6w\n", 3,
            "archive (42d) is longer than forget (20d): a forgotten item takes its archived text with it"
        ),
        ("[monitor]\nmax-size = 10 parsecs\n", 2, "max-size: '10 parsecs' is not a size"),
        ("[monitor]\nmax-size = 0\n", 2, "max-size: must be larger than zero"),
        (
            "[monitor]\nconcurrency = many\n", 2,
            "concurrency: 'many' is not a whole number from 1 to 1000"
        ),
        ("[monitor]\nconcurrency = 0\n", 2, "concurrency: '0' is not a whole number"),
        ("[monitor]\nstate =\n", 2, "state: needs a value"),
        (
            "[monitor]\nstate = postgresql://desk@db.example.org/feedwatch\nstate-password =\n", 3,
            "state-password: needs a value"
        ),
        (
            "[monitor]\nstate-password = env:DB_PASSWORD\n", 2,
            "state-password: only a PostgreSQL state (state = postgresql://…) takes a password"
        ),
        (
            "[monitor]\nhealth-notify = ops\n", 2,
            "health-notify names sink 'ops', which no [sink ops] section defines"
        ),
        ("[monitor]\nhealth-notify = ,\n", 2, "health-notify: name at least one sink"),
        ("[feed a]\ninterval = 5m\n", 1, "[feed a] has no url"),
        ("[sink s]\nformat = json\n", 1, "[sink s] has no url"),
        (
            "[feed a]\nurl = ftp://example.org/a\n", 2,
            "url: 'ftp://example.org/a' uses scheme ftp; only http, https and file"
        ),
        ("[feed a]\nurl = www.dawn.com/feeds/home\n", 2, "is not a URL: write it with its scheme"),
        ("[feed a]\nurl = https://\n", 2, "'https://' is not a valid https URL"),
        ("[feed a]\nurl = https://exa mple.org/\n", 2, "is not a valid https URL"),
        ("[feed a]\nurl = file:\n", 2, "names no file"),
        (
            "[sink s]\nurl = file:hooks.txt\n", 2,
            "uses scheme file; only http and https are allowed"
        ),
        (
            "[sink s]\nurl = https://example.org/h\nformat = teams\n", 3,
            "format: 'teams' is not a sink format; use json | slack | discord"
        ),
        (
            "[sink s]\nurl = https://example.org/h\nsecret = env:9BAD-NAME\n", 3,
            "secret: '9BAD-NAME' is not an environment variable name"
        ),
        ("[sink log]\nurl = https://example.org/h\n", 1, "sink name 'log' is reserved"),
        (
            "[feed a]\nurl = https://example.org/a\nenabled = maybe\n", 3,
            "enabled: 'maybe' is not yes or no"
        ),
        (
            "[feed a]\nurl = https://example.org/a\n[feed a]\nurl = https://example.org/b\n", 3,
            "[feed a] is defined twice (first at line 1)"
        ),
        (
            "[sink s]\nurl = https://example.org/a\n\n[sink s]\nurl = https://example.org/b\n", 4,
            "[sink s] is defined twice (first at line 1)"
        ),
        ("[monitor]\n[monitor]\n", 2, "[monitor] is defined twice"),
        (
            "[sink s]\nurl = https://example.org/h\nsecret = \"unterminated\n", 3,
            "secret: a quoted value is missing its closing"
        ),
        (
            "[sink s]\nurl = https://example.org/h\nsecret = \"a\" b\n", 3,
            "unexpected 'b' after the closing quote"
        ),
        // Email sinks and digests.
        (
            "[sink m]\nurl = smtp://mail.example.org:25\nto = a@example.org\n", 1,
            "[sink m] has no from"
        ),
        (
            "[sink m]\nurl = smtp://mail.example.org\nfrom = fw@example.org\n", 1,
            "sink 'm': to: name at least one recipient"
        ),
        (
            "[sink m]\nurl = smtp://mail.example.org\nfrom = fw@example.org\nto = a@example.org, b@\n",
            4, "to: 'b@' is not an email address"
        ),
        (
            "[sink m]\nurl = smtp://mail.example.org\nfrom = fw example.org\nto = a@example.org\n",
            3, "from: 'fw example.org' is not an email address"
        ),
        (
            "[sink m]\nurl = smtp://mail.example.org\nformat = slack\nfrom = f@example.org\nto = a@example.org\n",
            3, "format: an smtp sink sends email"
        ),
        (
            "[sink m]\nurl = https://example.org/h\nformat = email\n", 3,
            "format: email is sent to an smtp"
        ),
        (
            "[sink m]\nurl = https://example.org/h\nto = a@example.org\n", 3,
            "to: only an smtp:// or smtps:// sink takes to"
        ),
        (
            "[sink m]\nurl = smtps://user:pw@mail.example.org\nfrom = f@example.org\nto = a@example.org\n",
            2, "put the login in user and password"
        ),
        (
            "[sink m]\nurl = smtp://mail.example.org\nfrom = f@example.org\nto = a@example.org\npassword = env:9X\n",
            5, "password: '9X' is not an environment variable name"
        ),
        ("[sink s]\nurl = https://example.org/h\ndigest = 10s\n", 3, "digest: '10s' is too short"),
        ("[sink s]\nurl = https://example.org/h\ndigest = hourly\n", 3, "digest:"),
    ]

    @Test(arguments: mistakes)
    func eachMistakeIsReportedAtItsLine(text: String, line: Int, message: String) {
        do {
            _ = try parse(text)
            Issue.record("no error for: \(text)")
        } catch {
            #expect(error.problems.count == 1, "\(error)")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("feeds.conf:\(line): config: "))
        }
    }

    @Test func everyProblemIsReportedAtOnceInLineOrder() {
        let text = """
            [monitor]
            interval = soon
            concurrency = -3

            [feed dawn]
            url = gopher://dawn.com
            refresh = 5m

            [feed dawn]
            url = https://www.dawn.com/feeds/home

            [party]
            noise = loud
            """
        do {
            _ = try parse(text)
            Issue.record("no error")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 6, 7, 9, 12])
            let lines = error.description.split(separator: "\n")
            #expect(lines.count == 6)
            #expect(lines.allSatisfy { $0.hasPrefix("feeds.conf:") })
            #expect(
                lines.first
                    == "feeds.conf:2: config: interval: 'soon' is not a duration; write it like 90s, 10m, 2h, 1d or 1h30m"
            )
        }
    }

    @Test func keysUnderABrokenHeaderAreNotReportedAgain() {
        do {
            _ = try parse("[sinks ops]\nurl = https://example.org\nformat = json\n")
            Issue.record("no error")
        } catch {
            #expect(error.problems.map(\.line) == [1])
        }
    }

    @Test func anUnreadableFileNamesThePathAsGiven() {
        let path = "no/such/folder/feeds.conf"
        do {
            _ = try ConfigurationFile.load(path: path)
            Issue.record("no error")
        } catch {
            #expect(error.file == path)
            #expect(
                error.description.hasPrefix(
                    "no/such/folder/feeds.conf: config: cannot read the file"))
        }
    }

    @Test func errorsFromLoadNameThePathAsGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("my.conf")
        try Data("[monitor]\n\nbogus = 1\n".utf8).write(to: file)

        #expect(
            throws: ConfigurationError(
                file: file.path, line: 3,
                message:
                    "unknown key 'bogus' in [monitor]; expected one of: state, state-password, alert-log, interval, concurrency, timeout, max-size, stale-after, health-notify, health-severity, archive, forget"
            )
        ) {
            try ConfigurationFile.load(path: file.path)
        }
    }
}
