/// A place outside feeds.conf that names a sink, such as a rule's `notify ops`.
public struct SinkReference: Sendable, Equatable {
    public var name: String
    /// Where the reference is written (a rules file), for the message.
    public var file: String
    public var line: Int

    public init(name: String, file: String, line: Int) {
        self.name = name
        self.file = file
        self.line = line
    }
}
