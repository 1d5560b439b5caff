/// The command line of a benchmark: `--name value` options and `--flag`s,
/// read the same way by every benchmark.
public struct BenchmarkArguments: Sendable {
    public let words: [String]

    public init(_ words: [String] = Array(CommandLine.arguments.dropFirst())) {
        self.words = words
    }

    /// The word after `name`, when there is one.
    public func value(of name: String) -> String? {
        guard let index = words.firstIndex(of: name), index + 1 < words.count else { return nil }
        return words[index + 1]
    }

    /// The number after `name`, or `fallback` when it is missing or not a number.
    public func integer(_ name: String, default fallback: Int) -> Int {
        value(of: name).flatMap(Int.init) ?? fallback
    }

    /// The decimal after `name`, or `fallback`.
    public func decimal(_ name: String, default fallback: Double) -> Double {
        value(of: name).flatMap(Double.init) ?? fallback
    }

    public func has(_ flag: String) -> Bool { words.contains(flag) }

}
