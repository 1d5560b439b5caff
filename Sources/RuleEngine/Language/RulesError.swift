/// Every problem of a rules folder, each with `file:line:column`. Messages start with `rules:`.
public struct RulesError: Error, CustomStringConvertible, Equatable {
    public var problems: [RulesProblem]

    public init(problems: [RulesProblem]) { self.problems = problems }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One problem in a rules file.
public struct RulesProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The offending line as written, for showing it with a caret.
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ location: SourceLocation, _ message: String, sourceLine: String? = nil) {
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:column: rules: message`, or `file: rules: message` for a problem
    /// with the file or folder as a whole (line 0).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): rules: \(message)" : "\(file): rules: \(message)"
    }
}
