/// Lays out a `RulesImage`: collects its sections, then writes header,
/// directory and sections into one `TableMemory`, little-endian, each section
/// at a multiple of 8.
struct RulesImageWriter {
    private enum Payload {
        case words([UInt64])
        case integers([Int32])
        case bytes([UInt8])

        var byteCount: Int {
            switch self {
            case .words(let values): values.count * 8
            case .integers(let values): values.count * 4
            case .bytes(let values): values.count
            }
        }
    }

    private var sections: [(id: RulesImage.Section, payload: Payload)] = []

    /// The listing goes last, past the load length; every other section before it.
    private var ordered: [(id: RulesImage.Section, payload: Payload)] {
        sections.filter { $0.id != .listing } + sections.filter { $0.id == .listing }
    }

    mutating func add(_ id: RulesImage.Section, _ values: [UInt64]) {
        sections.append((id, .words(values)))
    }

    mutating func add(_ id: RulesImage.Section, _ values: [Int32]) {
        sections.append((id, .integers(values)))
    }

    mutating func add(_ id: RulesImage.Section, bytes: [UInt8]) {
        sections.append((id, .bytes(bytes)))
    }

    /// The image, checksummed, with the digests it is keyed by.
    func image(programDigest: [UInt8], rulesDigest: [UInt8]) -> TableMemory {
        precondition(
            programDigest.count == RulesImage.digestSize
                && rulesDigest.count == RulesImage.digestSize)  // safe: SHA-256 digests
        let sections = ordered
        let directoryEnd =
            RulesImage.headerSize + sections.count * RulesImage.directoryEntrySize
        var offsets: [Int] = []
        var end = Self.aligned(directoryEnd)
        var loadLength = end
        for section in sections {
            if section.id == .listing { loadLength = end }
            offsets.append(end)
            end = Self.aligned(end + section.payload.byteCount)
        }
        let total = end
        let memory = TableMemory(byteCount: total) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            var cursor = 0
            func put<Value: FixedWidthInteger>(_ value: Value) {
                buffer.storeBytes(of: value.littleEndian, toByteOffset: cursor, as: Value.self)
                cursor += MemoryLayout<Value>.size
            }
            func put(bytes: [UInt8]) {
                for byte in bytes {
                    buffer[cursor] = byte
                    cursor += 1
                }
            }
            put(bytes: RulesImage.magic)
            put(UInt64(0))  // the checksum, filled in last
            put(RulesImage.formatVersion)
            put(RulesImage.byteOrderMark)
            put(UInt64(total))
            put(bytes: programDigest)
            put(bytes: rulesDigest)
            put(UInt32(sections.count))
            put(UInt32(0))
            put(UInt64(loadLength))
            put(UInt64(0))  // the listing's checksum, filled in last
            for (section, offset) in zip(sections, offsets) {
                put(section.id.rawValue)
                put(UInt32(0))
                put(UInt64(offset))
                put(UInt64(section.payload.byteCount))
            }
            for (section, offset) in zip(sections, offsets) {
                Self.copy(section.payload, into: buffer, at: offset)
            }
        }
        memory.store(memory.checksum(loadLength..<total).littleEndian, at: 112)
        memory.store(memory.checksum(16..<loadLength).littleEndian, at: 8)
        return memory
    }

    private static func copy(
        _ payload: Payload, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
    ) {
        func copyArray<Value: FixedWidthInteger>(_ values: [Value]) {
            #if _endian(little)
                values.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + source.count])
                        .copyMemory(from: source)
                }
            #else
                for (index, value) in values.enumerated() {
                    buffer.storeBytes(
                        of: value.littleEndian,
                        toByteOffset: offset + index * MemoryLayout<Value>.size,
                        as: Value.self)
                }
            #endif
        }
        switch payload {
        case .words(let values): copyArray(values)
        case .integers(let values): copyArray(values)
        case .bytes(let values): copyArray(values)
        }
    }

    private static func aligned(_ offset: Int) -> Int { (offset + 7) & ~7 }
}
