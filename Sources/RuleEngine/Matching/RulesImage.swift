/// A compiled rule set as one block of bytes: what the monitor loads at start
/// instead of compiling the rules again (`CompiledRulesCache`), and what every
/// compile goes through, so that a rule set read from the cache and one just
/// compiled are the same tables read by the same code.
///
/// The layout, all integers little-endian:
///
/// | offset | size | field |
/// | --- | --- | --- |
/// | 0 | 8 | magic, `FWRULES` and a 0 byte |
/// | 8 | 8 | checksum (`ImageChecksum`) of every byte from offset 16 to the load length |
/// | 16 | 4 | format version (`RulesImage.formatVersion`) |
/// | 20 | 4 | byte order mark, 0x0A0B0C0D |
/// | 24 | 8 | total length of the image in bytes |
/// | 32 | 32 | program digest: SHA-256 of what compiling depends on besides the rules |
/// | 64 | 32 | rules digest: SHA-256 of the rules files, names and bytes, in order |
/// | 96 | 4 | number of sections |
/// | 100 | 4 | 0 |
/// | 104 | 8 | load length: the bytes matching needs, every section but the listing |
/// | 112 | 8 | checksum of the listing section |
/// | 120 | 24 each | the section directory: id (4), 0 (4), offset (8), length (8) |
///
/// then the sections, each at an offset that is a multiple of 8: the tables of
/// the matcher and the rule set as arrays of integers (`RulesImage.Section`),
/// the rules' metadata as JSON (`RulesImageMetadata`), and last, past the load
/// length, the entities as written for listings (`RulesListing`), decoded
/// only when something lists the entities.
enum RulesImage {
    /// Bumped whenever the layout, or what compiling makes of the same rules,
    /// changes in a way the program digest would not show.
    static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("FWRULES".utf8) + [0]
    static let byteOrderMark: UInt32 = 0x0A0B_0C0D
    static let headerSize = 120
    static let directoryEntrySize = 24
    static let digestSize = 32

    /// The sections, by id; every one must be present exactly once.
    enum Section: UInt32, CaseIterable, Sendable {
        case tokenSlots = 1
        case tokenSymbols
        case tokenTags
        case tokenArena
        case prefixChildren
        case prefixSymbols
        case rootTransitions
        case childStart
        case childSymbols
        case childStates
        case failure
        case outputStart
        case outputs
        case patternLengths
        case patternAtomStart
        case patternAtoms
        case atomLeafStart
        case atomLeaves
        case entityIDStart
        case entityIDBytes
        case metadata
        case listing
    }

    /// What the image records besides its tables, to tell whether it fits.
    struct Header: Equatable, Sendable {
        var formatVersion: UInt32
        var totalLength: Int
        var loadLength: Int
        var checksum: UInt64
        var listingChecksum: UInt64
        var programDigest: [UInt8]
        var rulesDigest: [UInt8]
        var sectionCount: Int

        /// The header at the start of `bytes`, or why it is not one.
        static func read(_ bytes: [UInt8]) -> Result<Header, RulesImageProblem> {
            guard bytes.count >= RulesImage.headerSize else {
                return .failure(.truncated(bytes.count, of: RulesImage.headerSize))
            }
            guard Array(bytes[0..<8]) == RulesImage.magic else { return .failure(.notAnImage) }
            func integer<Value: FixedWidthInteger>(_: Value.Type, at offset: Int) -> Value {
                var value: Value = 0
                for index in (0..<MemoryLayout<Value>.size).reversed() {
                    value = value << 8 | Value(bytes[offset + index])
                }
                return value
            }
            guard integer(UInt32.self, at: 20) == RulesImage.byteOrderMark else {
                return .failure(.otherByteOrder)
            }
            return .success(
                Header(
                    formatVersion: integer(UInt32.self, at: 16),
                    totalLength: Int(truncatingIfNeeded: integer(UInt64.self, at: 24)),
                    loadLength: Int(truncatingIfNeeded: integer(UInt64.self, at: 104)),
                    checksum: integer(UInt64.self, at: 8),
                    listingChecksum: integer(UInt64.self, at: 112),
                    programDigest: Array(bytes[32..<64]), rulesDigest: Array(bytes[64..<96]),
                    sectionCount: Int(integer(UInt32.self, at: 96))))
        }
    }
}

/// Why an image cannot be used: the notice says it, and the rules are compiled again.
enum RulesImageProblem: Error, Equatable, CustomStringConvertible {
    case notAnImage
    case otherByteOrder
    case truncated(Int, of: Int)
    case checksumMismatch
    case badSection(String)
    case badTable(String)
    case badMetadata(String)

    var description: String {
        switch self {
        case .notAnImage: "not a compiled rules file"
        case .otherByteOrder: "written by a machine of another byte order"
        case .truncated(let have, let need): "cut short: \(have) of \(need) bytes"
        case .checksumMismatch: "its checksum does not match its contents"
        case .badSection(let detail): "bad section directory: \(detail)"
        case .badTable(let detail): "inconsistent tables: \(detail)"
        case .badMetadata(let detail): "unreadable metadata: \(detail)"
        }
    }
}
