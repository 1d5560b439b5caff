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

    /// Whether libxml2 knows an encoding by this name.
    static func knowsEncoding(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
