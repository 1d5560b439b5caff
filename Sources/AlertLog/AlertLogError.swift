/// A failure to write or read the alert log. Messages start with `alerting:`
/// and name the file.
public struct AlertLogError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "alerting: \(path): \(message)" }
}
