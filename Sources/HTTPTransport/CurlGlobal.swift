import CCurl

/// The one place that calls `curl_global_init`.
///
/// libcurl requires `curl_global_init` to run once, before any other call, and
/// it is not itself safe to call from two threads at once. A `static let`
/// initializer runs exactly once, guarded by the runtime (`swift_once`), which
/// gives both guarantees without a lock of our own.
enum CurlGlobal {
    private static let initializationCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Initializes libcurl on first use; later calls return the first result.
    static func ensureInitialized() throws(CurlError) {
        let code = initializationCode
        guard code == CURLE_OK else {
            throw CurlError(
                code: code, message: "curl_global_init failed: \(CurlError.describe(code))")
        }
    }
}
