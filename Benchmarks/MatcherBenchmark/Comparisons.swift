import FeedModel
import Foundation

/// The same names and text through Python's pyahocorasick, in a child process.
enum PythonComparison {
    struct Result {
        var buildSeconds: Double
        var matchSeconds: Double
        var matches: Int
    }

    static let script = """
        import ahocorasick, json, sys, time
        names = [line.rstrip("\\n") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
        lines = [line.rstrip("\\n") for line in open(sys.argv[2], encoding="utf-8")]
        start = time.process_time()
        automaton = ahocorasick.Automaton()
        for index, name in enumerate(names):
            automaton.add_word(name, index)
        automaton.make_automaton()
        built = time.process_time()
        matches = 0
        for line in lines:
            for _ in automaton.iter(line.lower()):
                matches += 1
        done = time.process_time()
        print(json.dumps({"build": built - start, "match": done - built, "matches": matches}))
        """

    /// Writes the corpus once; one item per line.
    static func writeCorpus(_ items: [ItemText], to url: URL) throws {
        var text = ""
        text.reserveCapacity(
            items.reduce(0) {
                $0 + $1.title.utf8.count + $1.summary.utf8.count + $1.content.utf8.count + 3
            })
        for item in items {
            text += item.title + " " + item.summary + " " + item.content + "\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func run(names: [String], corpus: URL, directory: URL) -> Result? {
        let namesURL = directory.appendingPathComponent("names.txt")
        let scriptURL = directory.appendingPathComponent("match.py")
        do {
            try names.joined(separator: "\n").write(to: namesURL, atomically: true, encoding: .utf8)
            try script.write(to: scriptURL, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", scriptURL.path, namesURL.path, corpus.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let build = object["build"] as? Double, let match = object["match"] as? Double,
                let matches = object["matches"] as? Int
            else { return nil }
            return Result(buildSeconds: build, matchSeconds: match, matches: matches)
        } catch {
            return nil
        }
    }
}

/// The way most feed readers filter: one regular expression per rule, tried on every item.
enum RegexComparison {
    struct Result {
        var buildSeconds: Double
        var bytesPerSecond: Double
        var itemsPerSecond: Double
        var sampleItems: Int
    }

    /// One case-insensitive alternation per rule of the written forms of its terms.
    static func expressions(rules: Int, entities: [GeneratedEntity]) -> [String] {
        let attack = [
            "suicide bomb\\w*", "bombing", "blast", "explosion", "attack\\w*", "kill\\w*", "gunmen",
            "ambush",
        ]
        let claim = ["claim\\w*", "took responsibility", "said it"]
        func forms(_ entity: GeneratedEntity) -> [String] {
            ([entity.name] + entity.aliases).map(NSRegularExpression.escapedPattern(for:))
        }
        func tagged(_ tag: Int) -> [String] {
            entities.filter { $0.tag == "tag\(tag)" }.flatMap(forms)
        }
        let count = entities.count
        let tags = Generator.tagCount
        return (0..<rules).map { index in
            let alternatives: [String]
            switch index % 5 {
            case 0: alternatives = tagged(index % tags) + attack
            case 1:
                alternatives =
                    forms(entities[index % count]) + forms(entities[(index * 7919) % count])
            case 2: alternatives = forms(entities[(index * 31) % count]) + claim
            case 3: alternatives = ["security forces"] + tagged((index * 3) % tags)
            default: alternatives = forms(entities[(index * 101) % count]) + attack + claim
            }
            return "\\b(?:" + alternatives.joined(separator: "|") + ")\\b"
        }
    }

    /// Runs the per-rule loop over items until `budget` seconds pass, then extrapolates.
    static func run(patterns: [String], items: [ItemText], budget: Double) -> Result {
        let buildStart = cpuNow()
        let regexes = patterns.compactMap {
            try? NSRegularExpression(pattern: $0, options: [.caseInsensitive])
        }
        let buildSeconds = cpuNow() - buildStart
        let start = cpuNow()
        var bytes = 0
        var done = 0
        var found = 0
        for item in items {
            let text = item.title + "\n" + item.summary + "\n" + item.content
            let range = NSRange(text.startIndex..., in: text)
            for regex in regexes where regex.firstMatch(in: text, range: range) != nil {
                found += 1
            }
            bytes += text.utf8.count
            done += 1
            if cpuNow() - start > budget { break }
        }
        let seconds = max(cpuNow() - start, 1e-9)
        _ = found
        return Result(
            buildSeconds: buildSeconds, bytesPerSecond: Double(bytes) / seconds,
            itemsPerSecond: Double(done) / seconds, sampleItems: done)
    }
}
