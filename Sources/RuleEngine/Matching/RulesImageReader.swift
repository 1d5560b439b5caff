/// Reads a `RulesImage` from its memory: checks the header, the checksum and
/// the section directory at once, then hands out each section as a table of
/// the size and type it must have. Nothing is trusted: every offset, length
/// and count is checked before a table refers to it.
///
/// The memory holds the whole image, just compiled or read from a file.
struct RulesImageReader {
    let memory: TableMemory
    let header: RulesImage.Header
    private var sections: [RulesImage.Section: Range<Int>] = [:]

    init(_ memory: TableMemory) throws(RulesImageProblem) {
        self.memory = memory
        let held = memory.byteCount
        header = try RulesImage.Header.read(memory.bytes(0..<min(held, RulesImage.headerSize)))
            .get()
        let load = header.loadLength
        let total = header.totalLength
        guard load >= RulesImage.headerSize, load <= total, held == total else {
            throw .truncated(held, of: total)
        }
        guard memory.checksum(16..<load) == header.checksum,
            memory.checksum(load..<total) == header.listingChecksum
        else { throw .checksumMismatch }
        let directoryEnd =
            RulesImage.headerSize + header.sectionCount * RulesImage.directoryEntrySize
        guard header.sectionCount == RulesImage.Section.allCases.count, directoryEnd <= load
        else {
            throw .badSection("\(header.sectionCount) sections")
        }
        for index in 0..<header.sectionCount {
            let entry = RulesImage.headerSize + index * RulesImage.directoryEntrySize
            let rawID = memory.load(UInt32.self, at: entry)
            let offset = memory.load(UInt64.self, at: entry + 8)
            let length = memory.load(UInt64.self, at: entry + 16)
            guard let id = RulesImage.Section(rawValue: rawID), sections[id] == nil else {
                throw .badSection("unknown or repeated section \(rawID)")
            }
            // Every section within the load length but the listing, which lies past it.
            let (start, end) = id == .listing ? (load, total) : (directoryEnd, load)
            guard offset % 8 == 0, offset >= UInt64(start), offset <= UInt64(end),
                length <= UInt64(end) - offset
            else {
                throw .badSection("section \(id) outside its part of the image")
            }
            sections[id] = Int(offset)..<Int(offset + length)
        }
    }

    /// The section as a table of `count` values (any count when nil).
    func table<Element: FixedWidthInteger>(
        _ id: RulesImage.Section, of type: Element.Type, count: Int? = nil
    ) throws(RulesImageProblem) -> FrozenTable<Element> {
        guard let range = sections[id] else { throw .badSection("no section \(id)") }
        let size = MemoryLayout<Element>.size
        guard range.count % size == 0 else {
            throw .badSection("section \(id) is not a whole number of values")
        }
        let found = range.count / size
        if let count, count != found {
            throw .badTable("section \(id) holds \(found) values, not \(count)")
        }
        guard let table = memory.table(of: type, at: range.lowerBound, count: found) else {
            throw .badSection("section \(id) is misaligned")
        }
        return table
    }

    /// The section's bytes, copied.
    func bytes(_ id: RulesImage.Section) throws(RulesImageProblem) -> [UInt8] {
        try slice(id).bytes
    }

    /// The section's bytes where they are, to be copied when needed.
    func slice(_ id: RulesImage.Section) throws(RulesImageProblem) -> ImageBytes {
        guard let range = sections[id] else { throw .badSection("no section \(id)") }
        return ImageBytes(memory: memory, range: range)
    }
}

/// Bytes of an image that stay in its memory until someone asks for them.
struct ImageBytes: Sendable {
    let memory: TableMemory
    let range: Range<Int>

    var bytes: [UInt8] { memory.bytes(range) }
}

extension FrozenTable {
    /// Whether every value lies in `range`.
    func all(in range: Range<Element>) -> Bool {
        for index in 0..<count where !range.contains(self[index]) { return false }
        return true
    }

    /// Whether the table is a list of run starts: it begins at 0, never
    /// decreases, and ends at `end`.
    func isRunStarts(endingAt end: Int) -> Bool {
        guard count > 0, self[0] == 0, Int(self[count - 1]) == end else { return false }
        for index in 1..<count where self[index] < self[index - 1] { return false }
        return true
    }
}
