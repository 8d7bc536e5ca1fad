extension UnsafeBufferPointer {
    /// The base address, or an aligned placeholder for an empty buffer (whose base may be nil).
    ///
    /// For kernels that take raw pointers: an empty buffer's placeholder is never dereferenced.
    var nonNullBaseAddress: UnsafePointer<Element> {
        baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }
}
