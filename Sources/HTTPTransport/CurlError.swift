import CCurl

/// A libcurl failure with curl's own message (from `CURLOPT_ERRORBUFFER` when
/// it has one, else `curl_easy_strerror`), from setting a handle up or from
/// the multi handle. Internal: the public API turns it into a `TransferError`
/// that names the URL, or a `TransferGroup.Failure`.
struct CurlError: Error, Sendable, CustomStringConvertible {
    let code: CURLcode
    let message: String

    var description: String { "curl error \(code.rawValue): \(message)" }

    static func describe(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }

    static func describe(_ code: CURLMcode) -> String {
        guard let text = curl_multi_strerror(code) else {
            return "curl multi error \(code.rawValue)"
        }
        return String(cString: text)
    }
}
