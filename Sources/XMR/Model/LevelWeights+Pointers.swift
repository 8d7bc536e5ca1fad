extension LevelWeights {
    /// Raw pointers into a level's arrays, valid inside `withPointers`.
    struct Pointers: @unchecked Sendable {
        // Shared read-only across prediction threads while the owning arrays are kept alive by
        // the enclosing `withPointers` call.
        let chunkPointers: UnsafePointer<Int>
        let rowFeatures: UnsafePointer<Int32>
        let rowPointers: UnsafePointer<UInt32>
        let entryChildren: UnsafePointer<UInt16>
        let entryValues: UnsafePointer<Float>
        let hashPointers: UnsafePointer<Int>
        let rowHash: UnsafePointer<Int32>
    }

    /// Calls `body` with raw pointers to this level's arrays.
    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try chunkPointers.withUnsafeBufferPointer { cp in
            try rowFeatures.withUnsafeBufferPointer { rf in
                try rowPointers.withUnsafeBufferPointer { rp in
                    try entryChildren.withUnsafeBufferPointer { ec in
                        try entryValues.withUnsafeBufferPointer { ev in
                          try hashPointers.withUnsafeBufferPointer { hp in
                            try rowHash.withUnsafeBufferPointer { rh in
                            // Pointer arrays always hold at least one entry; the others may be empty.
                            try body(Pointers(chunkPointers: cp.baseAddress!,
                                              rowFeatures: rf.nonNullBaseAddress,
                                              rowPointers: rp.baseAddress!,
                                              entryChildren: ec.nonNullBaseAddress,
                                              entryValues: ev.nonNullBaseAddress,
                                              hashPointers: hp.baseAddress!,
                                              rowHash: rh.nonNullBaseAddress))
                            }
                          }
                        }
                    }
                }
            }
        }
    }
}
