extension Array where Element == UInt8 {
    /// Appends `run`. Most runs handed over while reading a document are a
    /// few bytes (the `<` libxml2 decodes from `&lt;`, a word between two
    /// tags), and for those a byte at a time costs a fraction of what
    /// `append(contentsOf:)` spends setting up its copy.
    @inline(__always)
    mutating func appendRun<Run: Collection<UInt8>>(_ run: Run) {
        if run.count <= 8 {
            for byte in run { append(byte) }
        } else {
            append(contentsOf: run)
        }
    }
}
