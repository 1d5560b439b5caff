/// Line numbers for byte offsets in a document, for warnings that say where.
/// Lines end at LF, CRLF or a lone CR, as XML reads them; the first is line 1.
enum DocumentLines {
    /// The line of each offset, in one pass up to the last of them.
    static func lines(of offsets: [Int], in bytes: [UInt8]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var line = 1
        var position = 0
        for offset in Set(offsets).sorted() {
            let end = min(offset, bytes.count)
            while position < end {
                let byte = bytes[position]
                if byte == 0x0A {
                    line += 1
                } else if byte == 0x0D, position + 1 >= bytes.count || bytes[position + 1] != 0x0A {
                    line += 1
                }
                position += 1
            }
            result[offset] = line
        }
        return result
    }

    /// The line of one offset.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        lines(of: [offset], in: bytes)[offset] ?? 1
    }
}
