#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a compiled rules image (`RulesImage`), in one aligned
/// allocation that every matcher table points into: read from the cache file
/// with one read, or copied from the image a compile just encoded. Freed when
/// the last table that refers to it goes.
///
/// `@unchecked Sendable`: written only while it is being filled, before any
/// table refers to it; read only after.
final class TableMemory: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    let byteCount: Int

    /// Tables inside are 8-byte values at offsets that are multiples of 8.
    static let alignment = 16

    private init(byteCount: Int) {
        self.byteCount = byteCount
        base = .allocate(byteCount: Swift.max(byteCount, 1), alignment: Self.alignment)
    }

    deinit { base.deallocate() }

    /// `byteCount` bytes, written by `fill` before anything reads them.
    convenience init(byteCount: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) {
        self.init(byteCount: byteCount)
        fill(UnsafeMutableRawBufferPointer(start: base, count: byteCount))
    }

    /// Stores `value` at `offset`, inside the memory; only while it is being
    /// made, before any table refers to it.
    func store<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= byteCount)
        base.storeBytes(of: value, toByteOffset: offset, as: Value.self)
    }

    /// Writes the bytes to the open file `descriptor`, from its start; false
    /// when a write fails (errno says why).
    func writeAll(to descriptor: Int32) -> Bool {
        var done = 0
        while done < byteCount {
            let wrote = write(descriptor, base + done, byteCount - done)
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return false }
            done += wrote
        }
        return true
    }

    /// The first `byteCount` bytes of the open file `descriptor`, from its
    /// start, or nil when it holds fewer (it was truncated) or cannot be read.
    static func read(descriptor: Int32, byteCount: Int) -> TableMemory? {
        let memory = TableMemory(byteCount: byteCount)
        var done = 0
        while done < byteCount {
            let got = pread(descriptor, memory.base + done, byteCount - done, off_t(done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return memory
    }

    /// The bytes at `range`, which must lie inside the memory.
    func bytes(_ range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= byteCount)
        return Array(
            UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// The little-endian value of type `Value` at `offset`, inside the memory.
    func load<Value: FixedWidthInteger>(_: Value.Type, at offset: Int) -> Value {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= byteCount)
        return Value(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }

    /// `count` values of type `Element` from `offset` on, as a table; nil when
    /// they do not fit or are not aligned for `Element`.
    func table<Element: FixedWidthInteger>(of _: Element.Type, at offset: Int, count: Int)
        -> FrozenTable<Element>?
    {
        let stride = MemoryLayout<Element>.stride
        guard offset >= 0, count >= 0, offset % MemoryLayout<Element>.alignment == 0,
            count <= (byteCount - offset) / stride
        else { return nil }
        return FrozenTable(
            memory: self,
            base: UnsafePointer((base + offset).assumingMemoryBound(to: Element.self)),
            count: count)
    }

    /// A checksum of the bytes at `range`, which must lie inside the memory.
    func checksum(_ range: Range<Int>) -> UInt64 {
        precondition(range.lowerBound >= 0 && range.upperBound <= byteCount)
        return ImageChecksum.of(
            UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
    }
}

/// A read-only array of integers inside a `TableMemory`, which it keeps alive.
/// Indexing is checked in debug builds only: a table is read from an image
/// only after `RulesImage` has validated every index stored in it against the
/// table it indexes, so the matcher's loops read it without checks.
struct FrozenTable<Element: FixedWidthInteger>: @unchecked Sendable {
    private let memory: TableMemory?
    private let base: UnsafePointer<Element>?
    let count: Int

    fileprivate init(memory: TableMemory, base: UnsafePointer<Element>, count: Int) {
        self.memory = memory
        self.base = base
        self.count = count
    }

    /// The empty table.
    init() {
        memory = nil
        base = nil
        count = 0
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        assert(index >= 0 && index < count, "table index out of range")
        // safe: every index reaching here was validated against `count` (see above).
        return Element(littleEndian: base.unsafelyUnwrapped[index])
    }

    /// The values in `range`, each once.
    @inline(__always)
    func forEach(in range: Range<Int>, _ body: (Element) -> Void) {
        for index in range { body(self[index]) }
    }

    /// The table as a Swift array (for the small tables a loader decodes).
    var array: [Element] { (0..<count).map { self[$0] } }

    /// The first index in `0..<count` where `isBelow` is false, for a table
    /// sorted so that `isBelow` holds on a prefix of it.
    func partitionPoint(_ isBelow: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isBelow(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Raw access for the token table's byte comparison (`TokenTable`).
    var baseAddress: UnsafePointer<Element>? { base }
}
