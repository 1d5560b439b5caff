import CCurl
import Foundation

/// An owning libcurl easy handle with labelled setters.
///
/// Raw pointers never leave HTTPTransport, and inside it only four files
/// hold them: this one (the easy handle, its error buffer and header and
/// recipient lists), `CurlMultiHandle.swift` (the multi handle, and the easy
/// handles attached to it by their C pointer), `ResponseCollector.swift`
/// (libcurl's callbacks and the bytes they hand over) and `MailUpload.swift`
/// (the read callback that hands libcurl a mail to send). Everything else, inside the
/// module and out, sees `Transfer`, `TransferGroup` and `TransferID`.
///
/// The handle owns its error buffer and header list and frees them, with the
/// handle, in `deinit`. Not thread-safe: one transfer is driven by one thread
/// at a time, as libcurl requires.
final class CurlEasyHandle {
    /// The C handle (`CURL *`).
    let rawHandle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var recipientList: UnsafeMutablePointer<curl_slist>?

    init() throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, message: "curl_easy_init failed")
        }
        rawHandle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        do {
            try applyBaseOptions()
        } catch {
            curl_easy_cleanup(handle)
            errorBuffer.deallocate()
            throw error
        }
    }

    deinit {
        curl_easy_cleanup(rawHandle)
        curl_slist_free_all(headerList)
        curl_slist_free_all(recipientList)
        errorBuffer.deallocate()
    }

    /// Clears every option and callback for the next request, keeping what
    /// makes reuse worth it: open connections, the DNS and TLS session caches.
    func reset() throws(CurlError) {
        curl_easy_reset(rawHandle)
        curl_slist_free_all(headerList)
        headerList = nil
        curl_slist_free_all(recipientList)
        recipientList = nil
        errorBuffer.update(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try applyBaseOptions()
    }

    private func applyBaseOptions() throws(CurlError) {
        try setPointer(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        // Signals and threads do not mix: without this, libcurl's
        // timeouts during name resolution use SIGALRM.
        try setLong(CURLOPT_NOSIGNAL, 1)
    }

    // MARK: - Request

    func set(url: String) throws(CurlError) { try setString(CURLOPT_URL, url) }

    func set(followLocation: Bool) throws(CurlError) {
        try setLong(CURLOPT_FOLLOWLOCATION, followLocation ? 1 : 0)
    }

    func set(maxRedirects: Int) throws(CurlError) { try setLong(CURLOPT_MAXREDIRS, maxRedirects) }

    /// A comma-separated list such as `"http,https"`, for the first request and every redirect.
    func set(allowedProtocols: String) throws(CurlError) {
        try setString(CURLOPT_PROTOCOLS_STR, allowedProtocols)
        try setString(CURLOPT_REDIR_PROTOCOLS_STR, allowedProtocols)
    }

    /// `""` asks for every encoding this libcurl can decode (gzip, deflate, br, zstd).
    func set(acceptEncoding: String) throws(CurlError) {
        try setString(CURLOPT_ACCEPT_ENCODING, acceptEncoding)
    }

    func set(userAgent: String) throws(CurlError) { try setString(CURLOPT_USERAGENT, userAgent) }

    func set(httpVersion: Int) throws(CurlError) { try setLong(CURLOPT_HTTP_VERSION, httpVersion) }

    func set(connectTimeout: TimeInterval) throws(CurlError) {
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
    }

    func set(timeout: TimeInterval) throws(CurlError) {
        try setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
    }

    /// Aborts a transfer slower than `bytesPerSecond` for `duration`.
    func set(lowSpeedLimit bytesPerSecond: Int, duration: TimeInterval) throws(CurlError) {
        try setLong(CURLOPT_LOW_SPEED_LIMIT, bytesPerSecond)
        try setLong(CURLOPT_LOW_SPEED_TIME, max(1, Int(duration.rounded(.up))))
    }

    /// Keeps a proxy's `CONNECT` response out of the header callback, so the
    /// only status lines seen there are the server's.
    func set(suppressConnectHeaders: Bool) throws(CurlError) {
        try setLong(CURLOPT_SUPPRESS_CONNECT_HEADERS, suppressConnectHeaders ? 1 : 0)
    }

    /// Certificate and host name checks. libcurl's default is on; saying so
    /// here keeps it on should a default ever change.
    func set(verifyTLS: Bool) throws(CurlError) {
        try setLong(CURLOPT_SSL_VERIFYPEER, verifyTLS ? 1 : 0)
        try setLong(CURLOPT_SSL_VERIFYHOST, verifyTLS ? 2 : 0)
    }

    /// Trusts the certificates in the PEM file at `path` instead of the
    /// system's: a server whose certificate a private CA signed.
    func set(caFile path: String) throws(CurlError) { try setString(CURLOPT_CAINFO, path) }

    /// Request header lines (`"Name: value"`); replaces earlier ones.
    func set(headers: [String]) throws(CurlError) {
        let list = try Self.stringList(headers)
        try setPointer(CURLOPT_HTTPHEADER, UnsafeRawPointer(list))
        curl_slist_free_all(headerList)
        headerList = list
    }

    // MARK: - Mail

    /// The SMTP envelope: `MAIL FROM` and one `RCPT TO` per recipient.
    func set(mailFrom: String, recipients: [String]) throws(CurlError) {
        try setString(CURLOPT_MAIL_FROM, "<\(mailFrom)>")
        let list = try Self.stringList(recipients.map { "<\($0)>" })
        try setPointer(CURLOPT_MAIL_RCPT, UnsafeRawPointer(list))
        curl_slist_free_all(recipientList)
        recipientList = list
    }

    /// The login: SMTP's, or HTTP basic authentication (libcurl's default
    /// scheme, sent to the first host only).
    func set(user: String, password: String) throws(CurlError) {
        try setString(CURLOPT_USERNAME, user)
        try setString(CURLOPT_PASSWORD, password)
    }

    /// STARTTLS on an `smtp://` connection: required, or used when the server offers it.
    func set(requireTLS: Bool) throws(CurlError) {
        try setLong(
            CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
    }

    /// Uploads `byteCount` bytes read through `callback` (libcurl's read function).
    func set(
        uploadCallback callback: feedwatch_data_callback, userData: UnsafeMutableRawPointer,
        byteCount: Int
    ) throws(CurlError) {
        try setLong(CURLOPT_UPLOAD, 1)
        try setOffset(CURLOPT_INFILESIZE_LARGE, curl_off_t(byteCount))
        try check(feedwatch_easy_setopt_data_callback(rawHandle, CURLOPT_READFUNCTION, callback))
        try setPointer(CURLOPT_READDATA, UnsafeRawPointer(userData))
    }

    private static func stringList(_ lines: [String]) throws(CurlError)
        -> UnsafeMutablePointer<curl_slist>?
    {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw CurlError(code: CURLE_OUT_OF_MEMORY, message: "curl_slist_append failed")
            }
            list = appended
        }
        return list
    }

    /// A method other than GET (`"POST"`, `"PUT"`, `"DELETE"` …).
    func set(method: String) throws(CurlError) {
        switch method {
        case "GET": try setLong(CURLOPT_HTTPGET, 1)
        case "HEAD": try setLong(CURLOPT_NOBODY, 1)
        default: try setString(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    /// A request body; libcurl copies it, so `body` need not outlive the call.
    func set(body: Data) throws(CurlError) {
        try setOffset(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        let code = body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> CURLcode in
            // An empty Data has no base address; any valid pointer will do for zero bytes.
            let pointer = bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)
            return feedwatch_easy_setopt_pointer(rawHandle, CURLOPT_COPYPOSTFIELDS, pointer)
        }
        try check(code)
    }

    // MARK: - Callbacks

    /// Body bytes go to `callback` with `userData`; the callback returns the
    /// number of bytes it took, and anything else aborts the transfer.
    func set(writeCallback callback: feedwatch_data_callback, userData: UnsafeMutableRawPointer)
        throws(CurlError)
    {
        try check(feedwatch_easy_setopt_data_callback(rawHandle, CURLOPT_WRITEFUNCTION, callback))
        try setPointer(CURLOPT_WRITEDATA, UnsafeRawPointer(userData))
    }

    /// Every response header line, of every response (redirects included), goes to `callback`.
    func set(headerCallback callback: feedwatch_data_callback, userData: UnsafeMutableRawPointer)
        throws(CurlError)
    {
        try check(feedwatch_easy_setopt_data_callback(rawHandle, CURLOPT_HEADERFUNCTION, callback))
        try setPointer(CURLOPT_HEADERDATA, UnsafeRawPointer(userData))
    }

    // MARK: - Running and results

    /// Runs the transfer on this thread (for `HTTPClient`; a `TransferGroup` drives its own).
    func perform() -> CURLcode { curl_easy_perform(rawHandle) }

    /// The last response's status code (0 when none arrived).
    var responseCode: Int {
        var code = 0
        _ = feedwatch_easy_getinfo_long(rawHandle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The URL of the last request, after redirects.
    var effectiveURL: String? { string(CURLINFO_EFFECTIVE_URL) }

    var contentType: String? { string(CURLINFO_CONTENT_TYPE) }

    /// curl's message for a failed transfer: the error buffer's detail when it
    /// has one (it names the host, the timeout …), else the generic text.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty ? CurlError.describe(code) : detail
    }

    // MARK: - Typed setopt

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard feedwatch_easy_getinfo_string(rawHandle, info, &value) == CURLE_OK, let value else {
            return nil
        }
        return String(cString: value)
    }

    private func setLong(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(feedwatch_easy_setopt_long(rawHandle, option, value))
    }

    private func setOffset(_ option: CURLoption, _ value: curl_off_t) throws(CurlError) {
        try check(feedwatch_easy_setopt_offset(rawHandle, option, value))
    }

    private func setPointer(_ option: CURLoption, _ value: UnsafeRawPointer?) throws(CurlError) {
        try check(feedwatch_easy_setopt_pointer(rawHandle, option, value))
    }

    /// libcurl copies string options (since 7.17), so the Swift string's
    /// temporary C buffer is enough.
    private func setString(_ option: CURLoption, _ value: String) throws(CurlError) {
        let code = value.withCString { feedwatch_easy_setopt_pointer(rawHandle, option, $0) }
        try check(code)
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code: code, message: message(for: code)) }
    }

    private static func milliseconds(_ interval: TimeInterval) -> Int {
        guard interval.isFinite, interval > 0 else { return 0 }
        return max(1, Int((interval * 1000).rounded()))
    }
}
