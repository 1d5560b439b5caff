import HTTPTransport

/// Short limits, so a failure shows within a second or two (the timeout is each request's own).
let quickClientOptions = TransferOptions(
    connectTimeout: 1, maxSize: 64 * 1024, userAgent: "feedwatch-test/1.0")
