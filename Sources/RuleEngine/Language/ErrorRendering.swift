/// Shows problems the way compilers do: the location and message, then the
/// offending line and a caret under the column.
extension RulesError {
    /// Every problem with its line and caret; `colors` adds ANSI bold/red.
    public func rendered(colors: Bool = false) -> String {
        problems.map { $0.rendered(colors: colors) }.joined(separator: "\n")
    }
}

extension RulesProblem {
    /// `file:line:column: rules: message`, then the line and a caret.
    public func rendered(colors: Bool = false) -> String {
        rendered(label: "rules:", color: colors ? "\u{1B}[1;31m" : nil)
    }

    /// The problem under `label`, coloured with the ANSI `color` (nil: no colours).
    func rendered(label: String, color: String?) -> String {
        let bold = color == nil ? "" : "\u{1B}[1m"
        let red = color ?? ""
        let reset = color == nil ? "" : "\u{1B}[0m"
        let location = line > 0 ? "\(file):\(line):\(column):" : "\(file):"
        var output = "\(bold)\(location)\(reset) \(red)\(label)\(reset) \(message)"
        if let sourceLine {
            // Keep tabs so the caret lines up under the same character in any terminal.
            let prefix = sourceLine.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }
                .joined()
            output += "\n    \(sourceLine)\n    \(prefix)\(red)^\(reset)"
        }
        return output
    }
}
