import FeedModel
import RuleEngine

/// How `rules test --explain` shows the rules that came close: lines under an
/// item's report, or the `near_misses` list of its JSON line.
enum NearMissOutput {
    /// `[{"rule": ID, "reason": R, "held": […], "missing": […], …}]`: the keys
    /// after `missing` appear only where they apply (`unless`, `unless_matches`,
    /// `near`, `field_scope`, `feed_filter`).
    static func json(_ nearMisses: [NearMiss]) -> String {
        "[" + nearMisses.map(json).joined(separator: ", ") + "]"
    }

    private static func json(_ miss: NearMiss) -> String {
        var fields = [
            "\"rule\": \(quoted(miss.rule))", "\"reason\": \(quoted(miss.reason.rawValue))",
            "\"held\": \(strings(miss.held))", "\"missing\": \(strings(miss.missing))",
        ]
        if let unless = miss.unless {
            fields.append("\"unless\": \(quoted(unless))")
            fields.append("\"unless_matches\": \(matches(miss.unlessMatches))")
        }
        if !miss.near.isEmpty {
            let near = miss.near.map {
                "{\"query\": \(quoted($0.query)), \"distance_allowed\": \($0.allowed), "
                    + "\"distance_found\": \($0.found.map(String.init) ?? "null"), "
                    + "\"field\": \($0.field.map { quoted($0.rawValue) } ?? "null")}"
            }
            fields.append("\"near\": [\(near.joined(separator: ", "))]")
        }
        if !miss.fieldScope.isEmpty {
            let scopes = miss.fieldScope.map {
                "{\"term\": \(quoted($0.term)), \"scope\": \(strings($0.scope.map(\.rawValue))), "
                    + "\"found_in\": \(matches($0.foundIn))}"
            }
            fields.append("\"field_scope\": [\(scopes.joined(separator: ", "))]")
        }
        if let filter = miss.feedFilter {
            fields.append(
                "\"feed_filter\": {\"feeds\": \(strings(filter.filters)), \"feed\": \(quoted(filter.feed)), "
                    + "\"feed_tags\": \(strings(filter.feedTags))}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private static func quoted(_ text: String) -> String { JSONString.quoted(text) }

    private static func strings(_ texts: [String]) -> String {
        "[" + texts.map(quoted).joined(separator: ", ") + "]"
    }

    private static func matches(_ matches: [TermMatch]) -> String {
        let objects = matches.map {
            "{\"term\": \(quoted($0.term)), \"field\": \(quoted($0.field.rawValue)), \"text\": \(quoted($0.text))}"
        }
        return "[" + objects.joined(separator: ", ") + "]"
    }

    /// The lines under an item's report: for each rule that came close, why it
    /// did not fire, then which parts of its match held.
    static func lines(_ nearMisses: [NearMiss], bold: String, reset: String) -> [String] {
        guard !nearMisses.isEmpty else { return ["   no rule came close"] }
        var lines = ["   came close:"]
        for miss in nearMisses {
            lines.append("   \(bold)\(miss.rule)\(reset): \(headline(miss))")
            for near in miss.near {
                let found =
                    near.found.map {
                        "\(Counted.phrase($0, "word")) apart in \(near.field?.rawValue ?? "")"
                    }
                    ?? "never in one field"
                lines.append("     \(near.query): \(found), at most \(near.allowed) allowed")
            }
            for scope in miss.fieldScope {
                let scopeNames = scope.scope.map { "\($0.rawValue):" }.joined(separator: " ")
                let found = scope.foundIn.map { "\($0.field.rawValue): \"\($0.text)\"" }
                lines.append(
                    "     \(scope.term) is looked for in \(scopeNames.isEmpty ? "no field" : scopeNames) "
                        + "but found in \(found.joined(separator: ", "))")
            }
            if let unless = miss.unless {
                let found = miss.unlessMatches.map {
                    "\($0.term) \($0.field.rawValue): \"\($0.text)\""
                }
                lines.append(
                    "     unless \(unless)"
                        + (found.isEmpty ? "" : " matched \(found.joined(separator: ", "))"))
            }
            if let filter = miss.feedFilter {
                let tags =
                    filter.feedTags.isEmpty
                    ? "no tags" : "tags \(filter.feedTags.joined(separator: ", "))"
                lines.append(
                    "     feeds \(filter.filters.joined(separator: ", ")) does not pass feed \(filter.feed) (\(tags))"
                )
            }
            var parts: [String] = []
            if !miss.held.isEmpty { parts.append("held: \(miss.held.joined(separator: ", "))") }
            if !miss.missing.isEmpty {
                parts.append("not held: \(miss.missing.joined(separator: ", "))")
            }
            lines.append("     " + parts.joined(separator: "; "))
        }
        return lines
    }

    private static func headline(_ miss: NearMiss) -> String {
        switch miss.reason {
        case .unless: "vetoed by an unless"
        case .feedFilter: "its feeds line does not pass this feed"
        case .near: "the NEAR sides are too far apart"
        case .fieldScope: "a term is outside its field scope"
        case .missing: "part of the match is missing"
        }
    }
}
