#if canImport(Glibc)
    import CMalloc
#endif

/// How the process keeps freed heap between documents.
///
/// glibc's malloc gives the top of the heap back to the kernel whenever more
/// than 128 KiB of it is free, and serves allocations above a (growing)
/// threshold with fresh `mmap`s. A monitor parses one document after another,
/// each needing much the same memory again: with the defaults every document
/// returns its heap and faults it back in, which cost about 7% of the parse in
/// kernel time (thousands of `brk` calls and page faults over the benchmark
/// corpus). Keeping up to `retainedBytes` of free heap is a fixed cost for a
/// long-running process and saves that work on every pass.
public enum HeapRetention {
    /// Free heap kept rather than given back, and padding added to each growth.
    public static let retainedBytes: Int32 = 64 * 1024 * 1024
    /// Allocations at or above this size still get their own mapping, so a
    /// rare huge document does not stay resident after it is parsed.
    public static let ownMappingBytes: Int32 = 32 * 1024 * 1024

    /// Applies the policy to this process; called once, first thing, by the
    /// program and by the parser benchmark (which measures what the program does).
    public static func keepFreedHeapBetweenDocuments() {
        #if canImport(Glibc)
            // mallopt reports failure with 0; the defaults then stay, which is
            // only slower, so there is nothing to report.
            _ = mallopt(M_MMAP_THRESHOLD, ownMappingBytes)
            _ = mallopt(M_TRIM_THRESHOLD, retainedBytes)
            _ = mallopt(M_TOP_PAD, retainedBytes / 4)
        #endif
    }
}
