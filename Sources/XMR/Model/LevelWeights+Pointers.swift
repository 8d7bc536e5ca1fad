extension LevelWeights {
    /// Raw pointers into a level's arrays, valid inside `withPointers`.
    struct Pointers: @unchecked Sendable {
        // Shared read-only across prediction threads while the image is kept alive by the
        // enclosing `withPointers` call.
        /// `chunkPointers[k] ..< chunkPointers[k + 1]` are chunk k's rows.
        let chunkPointers: UnsafePointer<Int>
        /// `entryPointers[k]` is chunk k's first entry in `entryValues`.
        let entryPointers: UnsafePointer<Int>
        /// `indexPointers[k]` is the byte offset of chunk k's index block from `index`.
        let indexPointers: UnsafePointer<Int>
        /// Per chunk its shape byte (`ChunkShape.format`).
        let chunkShapes: UnsafePointer<UInt8>
        let entryValues: UnsafePointer<Float>
        /// The first index block.
        let index: UnsafeRawPointer
        /// Bits of the largest feature id (bucket shifts are taken from it).
        let dimensionBits: Int
    }

    /// Calls `body` with raw pointers to this level's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try withExtendedLifetime(image) {
            try body(Pointers(chunkPointers: image.chunkPointers.base, entryPointers: image.entryPointers.base,
                              indexPointers: image.indexPointers.base, chunkShapes: image.chunkShapes.base,
                              entryValues: image.entryValues.base, index: image.index, dimensionBits: image.dimensionBits))
        }
    }
}
