/// A failure to record or deliver an alert. Messages start with `alerting:` and name the file.
public enum AlertingError: Error, CustomStringConvertible, Equatable {
    case log(path: String, message: String)

    public var description: String {
        switch self {
        case .log(let path, let message): "alerting: \(path): \(message)"
        }
    }
}
