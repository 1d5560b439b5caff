import FeedModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The compiled rules kept in a file beside the monitor's state, so that a
/// large watchlist is compiled once per edit rather than at every start.
///
/// The file is a `RulesImage` keyed by two digests (`RulesDigests`): of the
/// rules files (names within their folder, and bytes, in order) and of the program (its version and
/// build, the image format, the built-in tables). When both match, the rules
/// are loaded with one read and checked, not compiled. Otherwise, or when the
/// file is damaged in any way (cut short, a checksum or table that does not
/// agree), the rules are compiled as if there were no file, with every error
/// reported as always, and the new image replaces the file (a temporary file
/// renamed over it, so a reader never sees half of one).
public struct CompiledRulesCache: Sendable {
    /// The file.
    public let path: String
    /// Changes whenever the program does: a version and the executable's identity.
    public let programVersion: String

    public init(path: String, programVersion: String) {
        self.path = path
        self.programVersion = programVersion
    }

    /// The cache of the state at `statePath`: `<state>.compiled-rules`.
    public init(besideState statePath: String, programVersion: String) {
        self.init(path: statePath + ".compiled-rules", programVersion: programVersion)
    }

    /// What loading through the cache did.
    public enum Outcome: Sendable, Equatable {
        /// The rules had not changed: nothing was compiled.
        case loaded
        /// The rules were compiled, for `reason`; `saveError` says why the
        /// new image could not be kept, when it could not.
        case compiled(reason: Reason, saveError: String?)
    }

    /// Why the rules were compiled.
    public enum Reason: Sendable, Equatable {
        /// There was no compiled file yet.
        case absent
        /// The rules files changed since the file was written.
        case rulesChanged
        /// Another version or build of feedwatch wrote the file.
        case programChanged
        /// The rules notify a sink feeds.conf no longer defines: compiling reports it.
        case sinksChanged
        /// The file was damaged or unreadable, and was discarded.
        case discarded(String)
    }

    /// The rule set of `folder`, from the cache when it fits, else compiled (and cached).
    func load(_ folder: RulesFolder, knownSinks: Set<String>?)
        throws(RulesError) -> (RuleSet, Outcome)
    {
        let digests = RulesDigests(
            program: RulesDigests.program(version: programVersion),
            rules: RulesDigests.rules(folder))
        var reason: Reason
        switch read(expecting: digests) {
        case .found(let ruleSet):
            if let knownSinks, !Self.notifiesOnly(knownSinks, ruleSet: ruleSet) {
                reason = .sinksChanged
            } else {
                return (ruleSet, .loaded)
            }
        case .missed(let why):
            reason = why
        }
        let image = try RuleSet.compileImage(
            files: folder.sources(), knownSinks: knownSinks, digests: digests)
        let ruleSet = try RuleSet.ruleSet(of: image, folder: folder.shownDirectory)
        return (ruleSet, .compiled(reason: reason, saveError: save(image)))
    }

    /// Whether every sink the rules notify is `log` or one of `sinks`.
    private static func notifiesOnly(_ sinks: Set<String>, ruleSet: RuleSet) -> Bool {
        ruleSet.rules.allSatisfy { rule in
            rule.notify.allSatisfy { $0 == "log" || sinks.contains($0) }
        }
    }

    private enum Lookup {
        case found(RuleSet)
        case missed(Reason)
    }

    /// The rule set in the file, when its digests are `digests` and it holds together.
    private func read(expecting digests: RulesDigests) -> Lookup {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .missed(errno == ENOENT ? .absent : .discarded(Self.systemError()))
        }
        defer { close(descriptor) }
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size >= 0 else { return .missed(.discarded(Self.systemError())) }
        guard
            let start = TableMemory.read(
                descriptor: descriptor, byteCount: min(size, RulesImage.headerSize))
        else {
            return .missed(.discarded("cannot read it"))
        }
        let header: RulesImage.Header
        switch RulesImage.Header.read(start.bytes(0..<start.byteCount)) {
        case .success(let read): header = read
        case .failure(let problem): return .missed(.discarded(problem.description))
        }
        guard header.formatVersion == RulesImage.formatVersion,
            header.programDigest == digests.program
        else {
            return .missed(.programChanged)
        }
        guard header.rulesDigest == digests.rules else { return .missed(.rulesChanged) }
        guard header.totalLength == size else {
            return .missed(
                .discarded(RulesImageProblem.truncated(size, of: header.totalLength).description))
        }
        guard let memory = TableMemory.read(descriptor: descriptor, byteCount: size) else {
            return .missed(.discarded("cannot read it"))
        }
        do {
            return .found(try RuleSet(image: memory))
        } catch let problem {
            return .missed(.discarded(problem.description))
        }
    }

    /// Replaces the file with `image`; the reason when it cannot.
    private func save(_ image: TableMemory) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return "cannot create \(folder.path): \(error.localizedDescription)"
        }
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "cannot create \(temporary): \(Self.systemError())" }
        let written = image.writeAll(to: descriptor) && fsync(descriptor) == 0
        let failure = written ? nil : Self.systemError()
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            let reason = failure ?? Self.systemError()
            unlink(temporary)
            return "cannot write \(path): \(reason)"
        }
        return nil
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

extension RuleSet {
    /// Loads every `*.rules` file of `directory`, in name order, through the
    /// compiled rules in `cache`: when the files and the program are those the
    /// cache was written for, nothing is compiled; otherwise the rules are
    /// compiled, exactly as `load(directory:knownSinks:)` does and with the same
    /// errors, and the cache rewritten. A damaged cache is never used.
    public static func load(
        directory: URL, knownSinks: Set<String>? = nil, cache: CompiledRulesCache
    ) throws(RulesError) -> (RuleSet, CompiledRulesCache.Outcome) {
        try cache.load(RulesFolder.read(directory), knownSinks: knownSinks)
    }
}

extension CompiledRulesCache.Outcome {
    /// A line for the log: nil when the cache was used, or compiled for a
    /// reason that is news only at the info level; see `isNotable`.
    public func message(cachePath: String) -> String {
        switch self {
        case .loaded:
            return "rules: loaded the compiled rules from \(cachePath)"
        case .compiled(let reason, let saveError):
            let why: String
            switch reason {
            case .absent: why = "no compiled rules at \(cachePath) yet"
            case .rulesChanged: why = "the rules changed"
            case .programChanged: why = "compiled by another version of feedwatch"
            case .sinksChanged: why = "the sinks in feeds.conf changed"
            case .discarded(let problem):
                why = "discarded the compiled rules at \(cachePath): \(problem)"
            }
            let saved =
                saveError.map { "; not kept: \($0)" } ?? "; kept in \(cachePath)"
            return "rules: compiled (\(why))\(saved)"
        }
    }

    /// Whether the outcome deserves a notice rather than an info line: a
    /// damaged cache, or one that cannot be written.
    public var isNotable: Bool {
        switch self {
        case .loaded: false
        case .compiled(.discarded, _): true
        case .compiled(_, let saveError): saveError != nil
        }
    }
}
