extension LevelWeights {
    /// Raw pointers into a level's arrays, valid inside `withPointers`.
    struct Pointers: @unchecked Sendable {
        // Shared read-only across prediction threads while the image is kept alive by the
        // enclosing `withPointers` call.
        let chunkPointers: UnsafePointer<Int>
        let rowFeatures: UnsafePointer<Int32>
        let rowPointers: UnsafePointer<UInt32>
        let entryChildren: UnsafePointer<UInt16>
        let entryValues: UnsafePointer<Float>
        /// `bucketPointers[k] ..< bucketPointers[k + 1]` are chunk k's bucket starts (empty chunk: none).
        let bucketPointers: UnsafePointer<Int>
        /// Per chunk, B + 1 row positions (local to the chunk) where its B buckets start.
        let bucketStarts: UnsafePointer<UInt32>
        /// Bits of the largest feature id (bucket shifts are taken from it).
        let dimensionBits: Int
    }

    /// Calls `body` with raw pointers to this level's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try withExtendedLifetime(image) {
            try body(Pointers(chunkPointers: image.chunkPointers.base, rowFeatures: image.rowFeatures.base,
                              rowPointers: image.rowPointers.base, entryChildren: image.entryChildren.base,
                              entryValues: image.entryValues.base, bucketPointers: image.bucketPointers.base,
                              bucketStarts: image.bucketStarts.base, dimensionBits: image.dimensionBits))
        }
    }
}
