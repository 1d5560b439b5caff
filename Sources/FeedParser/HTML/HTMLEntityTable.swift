import Foundation

/// The HTML named entities (`&mdash;`, `&eacute;`) as libxml2 knows them,
/// for `SimpleHTMLReader`: each name is asked of libxml2 once and the answer
/// kept, so both readers decode the same names to the same characters and
/// leave the same unknown names as text.
///
/// `@unchecked Sendable` is sound because `answers` is only touched under `lock`.
final class HTMLEntityTable: @unchecked Sendable {
    static let shared = HTMLEntityTable()

    enum Answer {
        case character(Unicode.Scalar)
        /// libxml2 knows no entity of that name.
        case unknown
    }

    /// Unknown names are remembered too, so a document full of made-up
    /// names could grow the table without end: past this it stops learning.
    private static let capacity = 4096

    private let lock = NSLock()
    private var answers: [UInt64: Answer] = [:]

    private init() {}

    /// libxml2's answer for the name whose bytes gave `key`, or nil when the
    /// name has no key (longer than any HTML 4 name).
    func answer(for key: NameKey, name: ArraySlice<UInt8>) -> Answer? {
        guard let value = key.value else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let known = answers[value] { return known }
        let scalar = LibXML2Functions.htmlEntityScalar(named: String(decoding: name, as: UTF8.self))
        let answer = scalar.map(Answer.character) ?? .unknown
        if answers.count < Self.capacity { answers[value] = answer }
        return answer
    }

    /// An entity name (case matters: `&Eacute;` is not `&eacute;`) packed
    /// into 64 bits, one byte per character: a dictionary key that costs no
    /// string. Names longer than eight bytes have none (no HTML 4 name is).
    struct NameKey {
        private var packed: UInt64 = 0
        private var length = 0

        var value: UInt64? { length > 0 && length <= 8 ? packed : nil }

        mutating func add(_ byte: UInt8) {
            length += 1
            if length <= 8 { packed = packed << 8 | UInt64(byte) }
        }
    }
}
