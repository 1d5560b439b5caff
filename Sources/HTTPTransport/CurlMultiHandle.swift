import CCurl

/// An owning libcurl multi handle: many easy handles driven by one thread.
///
/// Connections are cached here, so transfers to the same host reuse them, and
/// HTTP/2 streams share one connection where the server offers it.
final class CurlMultiHandle {
    /// The C handle (`CURLM *`).
    private let rawHandle: UnsafeMutableRawPointer
    /// The easy handles added and not yet removed, by their C pointer: how a
    /// finished transfer's pointer is turned back into its handle.
    private var attached: [UnsafeMutableRawPointer: CurlEasyHandle] = [:]

    /// - Parameters:
    ///   - maxTotalConnections: open connections at most, over all hosts.
    ///   - maxHostConnections: open connections at most to one host (and port).
    init(maxTotalConnections: Int, maxHostConnections: Int) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_multi_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, message: "curl_multi_init failed")
        }
        rawHandle = handle
        _ = feedwatch_multi_setopt_long(handle, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxTotalConnections)
        _ = feedwatch_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, maxHostConnections)
        // Keep enough idle connections for every host in flight to be reused.
        _ = feedwatch_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, max(maxTotalConnections, 4))
        _ = feedwatch_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        // Easy handles leave the multi handle before either is freed.
        for easy in attached.keys { _ = curl_multi_remove_handle(rawHandle, easy) }
        curl_multi_cleanup(rawHandle)
    }

    func add(_ easy: CurlEasyHandle) throws(CurlError) {
        let code = curl_multi_add_handle(rawHandle, easy.rawHandle)
        guard code == CURLM_OK else {
            throw CurlError(code: CURLE_FAILED_INIT, message: CurlError.describe(code))
        }
        attached[easy.rawHandle] = easy
    }

    /// Detaches `easy`; it must be removed before it is freed.
    func remove(_ easy: CurlEasyHandle) {
        guard attached.removeValue(forKey: easy.rawHandle) != nil else { return }
        _ = curl_multi_remove_handle(rawHandle, easy.rawHandle)
    }

    /// Moves every transfer as far as it can go without waiting.
    func perform() throws(CurlError) {
        var running: Int32 = 0
        let code = curl_multi_perform(rawHandle, &running)
        guard code == CURLM_OK else {
            throw CurlError(code: CURLE_FAILED_INIT, message: CurlError.describe(code))
        }
    }

    /// Waits until a transfer has something to do or `timeoutMilliseconds` pass.
    func poll(timeoutMilliseconds: Int32) throws(CurlError) {
        let code = curl_multi_poll(rawHandle, nil, 0, timeoutMilliseconds, nil)
        guard code == CURLM_OK else {
            throw CurlError(code: CURLE_FAILED_INIT, message: CurlError.describe(code))
        }
    }

    /// The transfers that ended since the last call: their easy handle and
    /// curl's result. They stay attached until `remove`d.
    func completedTransfers() -> [(easy: CurlEasyHandle, result: CURLcode)] {
        var completed: [(easy: CurlEasyHandle, result: CURLcode)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(rawHandle, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let pointer = message.pointee.easy_handle,
                let easy = attached[pointer]
            else { continue }
            completed.append((easy, feedwatch_multi_message_result(message)))
        }
        return completed
    }
}
