import Foundation
import Testing

@testable import HTTPTransport

@Suite("Retry-After")
struct RetryAfterTests {
    // Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110.
    let rfcDate = Date(timeIntervalSince1970: 784_111_777)

    @Test("seconds", arguments: [("120", 120.0), ("0", 0), (" 30 ", 30), ("86400", 86400)])
    func seconds(_ text: String, _ expected: TimeInterval) {
        #expect(RetryAfter.parse(text) == .seconds(expected))
        #expect(RetryAfter.delay(text, from: Date()) == expected)
    }

    @Test(
        "the three HTTP-date forms",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ])
    func httpDate(_ text: String) {
        #expect(RetryAfter.parse(text) == .date(rfcDate))
    }

    @Test("a date is counted from now, and a past date means now")
    func dateDelay() {
        let parsed = RetryAfter.date(rfcDate)
        #expect(parsed.delay(from: rfcDate.addingTimeInterval(-90)) == 90)
        #expect(parsed.delay(from: rfcDate.addingTimeInterval(3600)) == 0)
    }

    @Test(
        "garbage is nil",
        arguments: ["", "soon", "-5", "1.5", "12abc", "Sun, 99 Nov 1994 08:49:37 GMT"])
    func garbage(_ text: String) {
        #expect(RetryAfter.parse(text) == nil)
        #expect(RetryAfter.delay(text, from: Date()) == nil)
    }

    @Test("a missing header is nil and a huge number is very long, not a crash")
    func edges() {
        #expect(RetryAfter.delay(nil, from: Date()) == nil)
        let huge = RetryAfter.parse("99999999999999999999999999")
        #expect(huge.map { $0.delay(from: Date()) > 1e18 } == true)
    }
}
