/// Expected outcomes are values; only real failures carry a `FetchError`.
public enum FetchOutcome: Sendable {
    case fetched(FetchedBody)
    /// 304: the validators still match, there is nothing to parse.
    case notModified(status: Int)
    case failed(FetchError)

    /// The error, when the fetch failed.
    public var error: FetchError? {
        if case .failed(let error) = self { return error }
        return nil
    }

    /// The body, when one arrived.
    public var body: FetchedBody? {
        if case .fetched(let body) = self { return body }
        return nil
    }
}
