import FeedModel
import Foundation
import Testing

@testable import FeedParser

@Suite("Hostile documents")
struct SecurityTests {
    @Test func billionLaughsFailsFastWithBoundedMemory() throws {
        let data = try fixture("billion_laughs.xml")
        let started = Date()
        let error = parseError(data)
        #expect(Date().timeIntervalSince(started) < 2)
        guard case .resourceLimit(let reason) = error else {
            Issue.record("expected a resource-limit error, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("entity"))
        #expect(error?.description.hasPrefix("parser: refused") == true)
    }

    @Test func quadraticBlowupIsBounded() {
        // One big entity referenced many times: no nesting, still an amplification.
        let big = String(repeating: "x", count: 50_000)
        let references = String(repeating: "&big;", count: 5_000)
        let xml =
            "<!DOCTYPE rss [<!ENTITY big \"\(big)\">]><rss><channel><title>\(references)</title></channel></rss>"
        let started = Date()
        let result = Result { () throws(ParserError) -> Feed in try FeedParser.parse(Data(xml.utf8))
        }
        #expect(Date().timeIntervalSince(started) < 5)
        if case .success(let feed) = result {
            // If it parsed, the text stayed within the budget.
            #expect((feed.title?.utf8.count ?? 0) <= xml.utf8.count * 4 + 1_000_000)
        }
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let feed = try parsedFixture("xxe.xml")
        let everything = FeedJSON.encode(feed)
        #expect(!everything.contains("root:"))
        #expect(!everything.contains("/bin/"))
        #expect(feed.title == "XXE end")
        #expect(feed.items.first?.title == "Item")
        #expect(feed.warnings.contains { $0.contains("external entity") })
    }

    @Test func externalDTDIsNotLoaded() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd">
            <rss><channel><title>t</title></channel></rss>
            """
        let feed = try FeedParser.parse(Data(xml.utf8))
        #expect(feed.title == "t")
        #expect(!FeedJSON.encode(feed).contains("root:"))
    }

    @Test func declaredInternalEntitiesStillWork() throws {
        let xml =
            "<!DOCTYPE rss [<!ENTITY name \"Feedwatch\">]><rss><channel><title>Hi &name;</title></channel></rss>"
        #expect(try FeedParser.parse(Data(xml.utf8)).title == "Hi Feedwatch")
    }
}
