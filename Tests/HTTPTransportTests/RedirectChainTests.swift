import Foundation
import Testing

@testable import HTTPTransport

@Suite("Redirect chain")
struct RedirectChainTests {
    let start = URL(string: "http://example.org/feed")!

    func redirect(_ status: Int, _ location: String) -> ResponseHeaders {
        ResponseHeaders(status: status, fields: [("Location", location)])
    }

    @Test("relative and absolute locations resolve against the previous hop")
    func resolves() {
        let chain = RedirectChain(
            start: start,
            responses: [
                redirect(301, "/a"), redirect(302, "https://other.example/b"), redirect(307, "c"),
                ResponseHeaders(status: 200),
            ])
        #expect(
            chain.visited.map(\.absoluteString) == [
                "http://example.org/feed", "http://example.org/a", "https://other.example/b",
                "https://other.example/c",
            ])
        #expect(chain.loop == nil)
    }

    @Test("the permanent destination is the end of the leading permanent run")
    func permanent() {
        let allPermanent = RedirectChain(
            start: start, responses: [redirect(301, "/a"), redirect(308, "/b")])
        #expect(allPermanent.permanentDestination?.absoluteString == "http://example.org/b")
        let mixed = RedirectChain(
            start: start,
            responses: [redirect(308, "/a"), redirect(302, "/b"), redirect(301, "/c")])
        #expect(mixed.permanentDestination?.absoluteString == "http://example.org/a")
        let temporaryFirst = RedirectChain(
            start: start, responses: [redirect(302, "/a"), redirect(301, "/b")])
        #expect(temporaryFirst.permanentDestination == nil)
        #expect(
            RedirectChain(start: start, responses: [ResponseHeaders(status: 200)])
                .permanentDestination == nil)
    }

    @Test("a loop is cut at the first URL seen twice")
    func loop() {
        let chain = RedirectChain(
            start: start,
            responses: [redirect(302, "/a"), redirect(302, "/feed"), redirect(302, "/a")])
        #expect(chain.loop?.map(\.path) == ["/feed", "/a", "/feed"])
    }
}
