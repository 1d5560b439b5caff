import FeedModel
import Foundation

/// The `*.rules` files of a rules folder, read as bytes, in byte order of
/// their names: what the rules are compiled from, and what the compiled-rules
/// cache is keyed by.
///
/// The cache's key takes each file by its name within the folder (`a.rules`),
/// never as messages show it, which depends on the current folder: a daemon
/// started in `/` and an operator in the config's folder share one compiled
/// file. The compiled rules hold no file names; only the messages compiling
/// makes name files, as `shownName` does.
struct RulesFolder {
    struct File {
        /// The name within the folder (`a.rules`).
        var name: String
        var bytes: Data
    }

    var files: [File] = []
    /// The folder as messages name it: a path the reader can open from the
    /// current folder (`rules`, or absolute when the folder is elsewhere).
    var shownDirectory: String

    /// `file` as messages name it (`rules/a.rules`).
    func shownName(_ file: File) -> String { shownDirectory + "/" + file.name }

    /// Reads every `*.rules` file of `directory` (not its sub-folders); a file
    /// that cannot be read is a problem, reported with those of every file
    /// that is not UTF-8, as compiling reports them.
    static func read(_ directory: URL) throws(RulesError) -> RulesFolder {
        // Named so that the reader can open it from where they are, even
        // when `--rules` points at another folder.
        let displayDirectory = ShownPath.text(directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".rules") }.sorted {
                    Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
                }
        } catch {
            throw RulesError(problems: [
                RulesProblem(
                    file: displayDirectory, line: 0, column: 0,
                    message: "cannot read the rules folder: \(error.localizedDescription)")
            ])
        }
        guard !names.isEmpty else {
            throw RulesError(problems: [
                RulesProblem(
                    file: displayDirectory, line: 0, column: 0,
                    message: "the rules folder has no *.rules files")
            ])
        }
        var folder = RulesFolder(shownDirectory: displayDirectory)
        var unreadable: Set<String> = []
        for name in names {
            guard
                let bytes = FileManager.default.contents(
                    atPath: directory.appendingPathComponent(name).path)
            else {
                unreadable.insert(displayDirectory + "/" + name)
                continue
            }
            folder.files.append(File(name: name, bytes: bytes))
        }
        guard unreadable.isEmpty else {
            // Every problem at once, in file order, as compiling would list them.
            let notText = Set(
                folder.files.filter { String(data: $0.bytes, encoding: .utf8) == nil }.map(
                    folder.shownName))
            throw RulesError(
                problems: names.map { displayDirectory + "/" + $0 }.compactMap { name in
                    unreadable.contains(name)
                        ? RulesProblem(
                            file: name, line: 0, column: 0, message: "cannot read this file")
                        : notText.contains(name) ? Self.notText(name) : nil
                })
        }
        return folder
    }

    private static func notText(_ file: String) -> RulesProblem {
        RulesProblem(file: file, line: 0, column: 0, message: "this file is not UTF-8 text")
    }

    /// The files as text, for the compiler, each named as messages show it;
    /// every file that is not UTF-8 is a problem.
    func sources() throws(RulesError) -> [(name: String, source: String)] {
        var sources: [(name: String, source: String)] = []
        var problems: [RulesProblem] = []
        for file in files {
            guard let source = String(data: file.bytes, encoding: .utf8) else {
                problems.append(Self.notText(shownName(file)))
                continue
            }
            sources.append((shownName(file), source))
        }
        if !problems.isEmpty { throw RulesError(problems: problems) }
        return sources
    }
}
