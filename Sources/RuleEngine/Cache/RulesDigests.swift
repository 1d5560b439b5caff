import Crypto
import Foundation

/// The two SHA-256 digests a compiled rules image is keyed by: one of
/// everything besides the rules that decides what compiling makes of them (the
/// image's format version, the program's version, the built-in tables), and one
/// of the rules files themselves.
struct RulesDigests: Equatable {
    var program: [UInt8]
    var rules: [UInt8]

    /// For an image that is never saved.
    static let none = [UInt8](repeating: 0, count: RulesImage.digestSize)

    /// `programVersion` must change whenever the program does (the CLI passes
    /// its version and the identity of its executable).
    static func program(version programVersion: String) -> [UInt8] {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        add("format \(RulesImage.formatVersion)")
        add("program \(programVersion)")
        for spellings in SpellingClasses.builtIn { add(spellings.joined(separator: " ")) }
        add("particles " + AliasVariants.particles.sorted().joined(separator: " "))
        add(
            "elisions "
                + Apostrophes.elisions.map { String(decoding: $0, as: UTF8.self) }.joined(
                    separator: " "))
        add(
            "limits \(AliasVariants.minimumStemLength) \(AliasVariants.maximumVariants) "
                + "\(MatcherSymbols.maximumExpansions)")
        return Array(hasher.finalize())
    }

    /// The names (within the folder, so that the digest does not depend on
    /// the current folder) and bytes of every rules file, in order.
    static func rules(_ folder: RulesFolder) -> [UInt8] {
        var hasher = SHA256()
        for file in folder.files {
            // Lengths first, so that no two lists of files read alike.
            hasher.update(
                data: Data("\(file.name.utf8.count):\(file.name)\(file.bytes.count):".utf8))
            hasher.update(data: file.bytes)
        }
        return Array(hasher.finalize())
    }
}
