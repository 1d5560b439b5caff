import CLibXML2

/// libxml2's lookup tables and converters, wrapped so that the rest of the
/// parser never handles a C pointer.
enum LibXML2Functions {
    /// Runs libxml2's global setup once, whichever thread parses first.
    static let initialized: Void = feedwatch_initialize()

    /// The scalar an HTML named entity (`mdash`, `nbsp`) stands for.
    static func htmlEntityScalar(named name: String) -> Unicode.Scalar? {
        let value = name.withCString { feedwatch_html_entity_value($0) }
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Every HTML named entity libxml2 knows whose value is below `limit`,
    /// read from its own table: the tests hold the fast HTML reader to all of them.
    static func htmlEntities(below limit: UInt32) -> [(name: String, value: UInt32)] {
        var entities: [(name: String, value: UInt32)] = []
        for value in 1..<limit {
            guard let description = htmlEntityValueLookup(value),
                description.pointee.value == value,
                let name = description.pointee.name
            else { continue }
            entities.append((String(cString: name), value))
        }
        return entities
    }

    /// Whether libxml2's HTML parser closes `element` as soon as its start
    /// tag is read (`br`, `img`, `hr`: elements without content).
    static func htmlElementIsEmpty(_ element: String) -> Bool {
        let name: [xmlChar] = Array(element.utf8) + [0]
        guard let description = htmlTagLookup(name) else { return false }
        return description.pointee.empty != 0
    }

    /// For every pair of `elements`, whether the start tag of the first makes
    /// libxml2's HTML parser close an open element of the second (`<li>`
    /// closes `li`, `<div>` closes `p`): row `new`, column `open`, flattened.
    /// Nil when libxml2 could not be asked.
    static func htmlStartTagClosings(among elements: [String]) -> [Bool]? {
        initialized
        let names: [[xmlChar]] = elements.map { Array($0.utf8) + [0] }
        var closings: [Bool] = []
        closings.reserveCapacity(names.count * names.count)
        for (newIndex, newName) in names.enumerated() {
            guard let node = xmlNewNode(nil, newName) else { return nil }
            defer { xmlFreeNode(node) }
            for (openIndex, openName) in names.enumerated() {
                if newIndex != openIndex {
                    // For a childless element of another name, this is
                    // libxml2's own start-tag table, asked directly.
                    closings.append(htmlAutoCloseTag(nil, openName, node) != 0)
                    continue
                }
                // htmlAutoCloseTag says no for equal names whatever its table
                // holds: the parser's own SAX events are asked instead. (The
                // raw text of `script` and `style` holds no start tag.)
                if elements[newIndex] == "script" || elements[newIndex] == "style" {
                    closings.append(false)
                    continue
                }
                guard let closes = HTMLSAXReader.startTagClosesSameElement(elements[newIndex])
                else { return nil }
                closings.append(closes)
            }
        }
        return closings
    }

    enum ConversionFailure: Error {
        case unknownEncoding
        case invalidBytes
    }

    /// Converts bytes in a named encoding to UTF-8 with libxml2's converters
    /// (built-in ones, iconv for the rest).
    static func convertToUTF8(_ bytes: [UInt8], from encoding: String) -> Result<
        [UInt8], ConversionFailure
    > {
        guard let output = xmlBufferCreateSize(bytes.count * 2 + 16) else {
            return .failure(.invalidBytes)
        }
        defer { xmlBufferFree(output) }
        let status = bytes.withUnsafeBufferPointer { buffer in
            feedwatch_convert_to_utf8(encoding, buffer.baseAddress, Int32(buffer.count), output)
        }
        switch status {
        case 0:
            let length = Int(xmlBufferLength(output))
            guard length > 0, let content = xmlBufferContent(output) else { return .success([]) }
            return .success(Array(UnsafeBufferPointer(start: content, count: length)))
        case -1: return .failure(.unknownEncoding)
        default: return .failure(.invalidBytes)
        }
    }
}
