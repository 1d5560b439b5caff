import Foundation
import Testing

@testable import HTTPTransport

@Suite("Backoff")
struct BackoffTests {
    let backoff = Backoff(baseInterval: 60, maxInterval: 24 * 3600, jitter: 0.2)

    @Test("the nominal delay doubles per failure from the base")
    func doubles() {
        #expect(backoff.nominalDelay(failures: 0) == 0)
        #expect(backoff.nominalDelay(failures: 1) == 60)
        #expect(backoff.nominalDelay(failures: 2) == 120)
        #expect(backoff.nominalDelay(failures: 3) == 240)
        #expect(backoff.nominalDelay(failures: 10) == 60 * 512)
    }

    @Test("the delay is capped, even for absurd failure counts")
    func capped() {
        #expect(backoff.nominalDelay(failures: 12) == 24 * 3600)
        #expect(backoff.nominalDelay(failures: 1_000_000) == 24 * 3600)
        #expect(backoff.delay(failures: Int.max, randomUnit: 0) == 24 * 3600)
    }

    @Test("jitter takes off at most its fraction and never adds")
    func jitter() {
        #expect(backoff.delay(failures: 3, randomUnit: 0) == 240)
        #expect(backoff.delay(failures: 3, randomUnit: 0.5) == 240 * 0.9)
        #expect(abs(backoff.delay(failures: 3, randomUnit: 0.999_999) - 240 * 0.8) < 0.001)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let delay = backoff.delay(failures: 4, using: &generator)
            #expect(delay >= 480 * 0.8 && delay <= 480)
        }
    }

    @Test("jitter spreads feeds that failed together")
    func spreads() {
        let delays = Set((0..<20).map { _ in backoff.delay(failures: 5) })
        #expect(delays.count > 10)
    }

    @Test("a longer Retry-After wins, a shorter one does not shorten the backoff")
    func retryAfter() {
        #expect(backoff.delay(failures: 1, retryAfter: 3600, randomUnit: 0) == 3600)
        #expect(backoff.delay(failures: 3, retryAfter: 10, randomUnit: 0) == 240)
        #expect(backoff.delay(failures: 1, retryAfter: 0, randomUnit: 0) == 60)
    }

    @Test("Retry-After is capped too")
    func retryAfterCapped() {
        #expect(backoff.delay(failures: 1, retryAfter: 365 * 24 * 3600, randomUnit: 0) == 24 * 3600)
        #expect(backoff.delay(failures: 1, retryAfter: .infinity, randomUnit: 0) == 60)
    }

    @Test("settings are clamped to sane ranges")
    func clamped() {
        let odd = Backoff(baseInterval: -5, maxInterval: 100, jitter: 3)
        #expect(odd.baseInterval == 0)
        #expect(odd.jitter == 1)
        #expect(
            Backoff(baseInterval: 10, maxInterval: 100, jitter: 0).delay(
                failures: 2, randomUnit: 0.7) == 20)
    }

    @Test("the next attempt is the failure time plus the delay")
    func nextAttempt() {
        let failedAt = Date(timeIntervalSince1970: 1_000_000)
        let noJitter = Backoff(baseInterval: 60, jitter: 0)
        #expect(
            noJitter.nextAttempt(after: failedAt, failures: 2) == failedAt.addingTimeInterval(120))
        #expect(
            noJitter.nextAttempt(after: failedAt, failures: 1, retryAfter: 900)
                == failedAt.addingTimeInterval(900))
    }
}
