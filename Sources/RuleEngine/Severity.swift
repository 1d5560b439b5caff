/// How urgent a rule is, in order.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

extension Severity {
    /// One level up, at most critical: an escalation's severity.
    public var raised: Severity {
        let all = Severity.allCases
        return all[min(rank + 1, all.count - 1)]
    }
}
