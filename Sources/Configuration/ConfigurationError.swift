/// Every problem found in feeds.conf (or in what refers to it), one per line
/// of `description`, each as `FILE:LINE: config: message`.
///
/// Loading collects all problems before throwing, so a user fixes them in one go.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// A single problem.
    public init(file: String, line: Int, message: String) {
        self.init(problems: [ConfigurationProblem(file: file, line: line, message: message)])
    }

    /// The file of the first problem.
    public var file: String { problems.first?.file ?? "" }
    /// The line of the first problem.
    public var line: Int { problems.first?.line ?? 0 }
    /// The message of the first problem.
    public var message: String { problems.first?.message ?? "" }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One problem, at one line of one file.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file (it cannot be read).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): config: \(message)" : "\(file): config: \(message)"
    }
}
