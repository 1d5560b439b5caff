import Foundation

/// When to try again after consecutive failures: exponential backoff with
/// jitter, capped, honouring the server's Retry-After. Pure: the randomness
/// comes in as an argument, so a fixed value gives a fixed answer.
///
/// After `n` consecutive failures the nominal delay is
/// `baseInterval × 2^(n−1)`, capped at `maxInterval`
/// (60 s, 2 min, 4 min … 24 h with the defaults). Jitter then takes up to
/// `jitter` of it off at random (0.2 → between 80 % and 100 %), so feeds
/// that failed together do not retry together, and the cap is never passed.
/// A Retry-After longer than that wins, itself capped at `maxInterval` so a
/// hostile or broken header cannot park a feed for a year. A feed or
/// delivery that succeeds starts again at zero failures: recovery is automatic.
public struct Backoff: Sendable, Equatable {
    /// The delay after the first failure. The monitor passes a feed's poll interval.
    public var baseInterval: TimeInterval
    /// No delay is longer than this.
    public var maxInterval: TimeInterval
    /// The fraction (0…1) of the nominal delay that jitter may take off.
    public var jitter: Double

    public init(
        baseInterval: TimeInterval = 60, maxInterval: TimeInterval = 24 * 3600, jitter: Double = 0.2
    ) {
        self.baseInterval = max(0, baseInterval)
        self.maxInterval = max(0, maxInterval)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before jitter after `failures` consecutive failures; 0 for none.
    public func nominalDelay(failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        // 2^62 × any positive base is past every sane cap; clamping the
        // exponent keeps the arithmetic finite for absurd failure counts.
        let growth = pow(2, Double(min(failures - 1, 62)))
        return min(maxInterval, baseInterval * growth)
    }

    /// The delay after `failures` consecutive failures.
    /// - Parameters:
    ///   - retryAfter: the server's Retry-After in seconds, when it sent one.
    ///   - randomUnit: a number in 0..<1 that picks the jitter (0 = none taken off).
    public func delay(failures: Int, retryAfter: TimeInterval? = nil, randomUnit: Double)
        -> TimeInterval
    {
        let unit = min(1, max(0, randomUnit.isFinite ? randomUnit : 0))
        let jittered = nominalDelay(failures: failures) * (1 - jitter * unit)
        guard let retryAfter, retryAfter.isFinite, retryAfter > 0 else { return jittered }
        return max(jittered, min(retryAfter, maxInterval))
    }

    /// The delay after `failures` consecutive failures, jitter drawn from `generator`.
    public func delay(
        failures: Int, retryAfter: TimeInterval? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> TimeInterval {
        delay(
            failures: failures, retryAfter: retryAfter,
            randomUnit: Double.random(in: 0..<1, using: &generator))
    }

    /// The delay after `failures` consecutive failures, with system randomness.
    public func delay(failures: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
        var generator = SystemRandomNumberGenerator()
        return delay(failures: failures, retryAfter: retryAfter, using: &generator)
    }

    /// When to try next after a failure at `failedAt`.
    public func nextAttempt(after failedAt: Date, failures: Int, retryAfter: TimeInterval? = nil)
        -> Date
    {
        failedAt.addingTimeInterval(delay(failures: failures, retryAfter: retryAfter))
    }
}
