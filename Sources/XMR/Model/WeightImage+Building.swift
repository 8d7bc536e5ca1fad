extension WeightImage {
    /// The image of a level given as plain arrays (rows of feature ids ascending within each
    /// chunk, row pointers into the entries), with its bucket index and checksums. Rows without
    /// weights are dropped (they score nothing). Arrays that do not form a level give an image
    /// whose chunks are all empty and whose `directoryProblem` says what is wrong (never a crash).
    static func build(level: Int, dimension: Int, chunkPointers: [Int], rowFeatures: [Int32], rowPointers: [UInt32],
                      entryChildren: [UInt16], entryValues: [Float]) -> WeightImage {
        let parents = max(0, chunkPointers.count - 1)
        if let problem = inputProblem(dimension: dimension, chunkPointers: chunkPointers, rowFeatures: rowFeatures,
                                      rowPointers: rowPointers, entryChildren: entryChildren, entryValues: entryValues) {
            let image = make(level: level, dimension: dimension, parents: parents, rows: [Int](repeating: 0, count: parents + 1),
                             entries: [Int](repeating: 0, count: parents + 1), shapes: [ChunkShape](), values: []) { _, _ in }
            image.inputProblem = problem
            return image
        }
        let dimensionBits = bits(ofDimension: dimension)
        var shapes: [ChunkShape] = []
        shapes.reserveCapacity(parents)
        var rowStarts = [0], entryStarts = [0]
        for k in 0..<parents {
            var rows = 0, maxCount = 0, maxChild: UInt16 = 0
            for r in chunkPointers[k]..<chunkPointers[k + 1] {
                let a = Int(rowPointers[r]), b = Int(rowPointers[r + 1])
                guard b > a else { continue }
                rows += 1
                maxCount = max(maxCount, b - a)
                for e in a..<b { maxChild = max(maxChild, entryChildren[e]) }
            }
            let entries = Int(rowPointers[chunkPointers[k + 1]]) - Int(rowPointers[chunkPointers[k]])
            shapes.append(ChunkShape(rows: rows, entries: entries, wideEntries: maxChild >= 256 || maxCount > 256,
                                     dimensionBits: dimensionBits))
            rowStarts.append(rowStarts[k] + rows)
            entryStarts.append(entryStarts[k] + entries)
        }
        return make(level: level, dimension: dimension, parents: parents, rows: rowStarts, entries: entryStarts,
                    shapes: shapes, values: entryValues) { k, block in
            let shape = shapes[k]
            let shift = shape.shift(dimensionBits: dimensionBits)
            func store(_ v: Int, at offset: Int, _ i: Int, width: Int) {
                switch width {
                case 1: block.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: offset + i, as: UInt8.self)
                case 2: block.storeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian, toByteOffset: offset + 2 * i, as: UInt16.self)
                default: block.storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, toByteOffset: offset + 4 * i, as: UInt32.self)
                }
            }
            var row = 0, bucket = 0
            let first = Int(rowPointers[chunkPointers[k]])
            for r in chunkPointers[k]..<chunkPointers[k + 1] {
                let a = Int(rowPointers[r]), b = Int(rowPointers[r + 1])
                guard b > a else { continue }
                let f = Int(rowFeatures[r])
                while bucket <= f >> shift {
                    store(row, at: 0, 2 * bucket, width: shape.slotWidth)
                    store(a - first, at: 0, 2 * bucket + 1, width: shape.slotWidth)
                    bucket += 1
                }
                store(f & ((1 << shift) - 1), at: shape.lowsOffset, row, width: shape.lowWidth)
                store(b - a - 1, at: shape.countsOffset, row, width: shape.entryWidth)
                for e in a..<b { store(Int(entryChildren[e]), at: shape.childrenOffset, e - first, width: shape.entryWidth) }
                row += 1
            }
            while bucket <= shape.buckets {
                store(row, at: 0, 2 * bucket, width: shape.slotWidth)
                store(shape.entries, at: 0, 2 * bucket + 1, width: shape.slotWidth)
                bucket += 1
            }
        }
    }

    /// Why the arrays do not form a level, or nil.
    private static func inputProblem(dimension: Int, chunkPointers: [Int], rowFeatures: [Int32], rowPointers: [UInt32],
                                     entryChildren: [UInt16], entryValues: [Float]) -> String? {
        let rows = rowFeatures.count, entries = entryValues.count
        guard (1...Int(Int32.max)).contains(dimension) else { return "implausible dimension \(dimension)" }
        guard entries <= LevelWeights.maxNonzeros else {
            return "has \(entries) weights; xmr stores at most \(LevelWeights.maxNonzeros) per level"
        }
        guard chunkPointers.first == 0, chunkPointers.last == rows,
              zip(chunkPointers, chunkPointers.dropFirst()).allSatisfy({ $0 <= $1 }) else { return "bad chunk pointers" }
        guard rowPointers.count == rows + 1, rowPointers.first == 0, Int(rowPointers[rows]) == entries,
              entryChildren.count == entries,
              zip(rowPointers, rowPointers.dropFirst()).allSatisfy({ $0 <= $1 && $1 - $0 <= 1 << 16 }) else {
            return "bad row pointers"
        }
        for k in 0..<(chunkPointers.count - 1) {
            var previous: Int32 = -1
            for r in chunkPointers[k]..<chunkPointers[k + 1] {
                guard rowFeatures[r] > previous, Int(rowFeatures[r]) < dimension else {
                    return "chunk \(k) has row features out of order or range"
                }
                previous = rowFeatures[r]
            }
        }
        return nil
    }

    /// Allocates an image with these chunk row and entry starts and shapes, copies the values,
    /// lets `fill(k, block)` write chunk k's index block, and checksums it.
    private static func make(level: Int, dimension: Int, parents: Int, rows: [Int], entries: [Int], shapes: [ChunkShape],
                             values: [Float], fill: (Int, UnsafeMutableRawPointer) -> Void) -> WeightImage {
        var indexStarts = [0]
        indexStarts.reserveCapacity(parents + 1)
        for k in 0..<parents { indexStarts.append(indexStarts[k] + (k < shapes.count ? shapes[k].bytes : 0)) }
        let layout = Layout(parents: parents, rows: rows[parents], entries: entries[parents], indexBytes: indexStarts[parents])!
        let raw = UnsafeMutableRawPointer.allocate(byteCount: layout.total, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: layout.total)
        writeHeader(raw, level: level, dimension: dimension, layout: layout)
        func copy<T>(_ array: [T], to offset: Int) {
            array.withUnsafeBytes { if let base = $0.baseAddress { (raw + offset).copyMemory(from: base, byteCount: $0.count) } }
        }
        copy(rows.map { Int64($0) }, to: layout.chunkPointers)
        copy(entries.map { Int64($0) }, to: layout.entryPointers)
        copy(indexStarts.map { Int64($0) }, to: layout.indexPointers)
        copy(shapes.map(\.format), to: layout.chunkShapes)
        copy(values, to: layout.entryValues)
        for k in 0..<min(parents, shapes.count) where shapes[k].rows > 0 { fill(k, raw + layout.index + indexStarts[k]) }
        let image = WeightImage(bytes: UnsafeRawBufferPointer(start: raw, count: layout.total), path: nil, isMapped: false,
                                level: level, dimension: dimension, layout: layout)
        let sums = (raw + layout.chunkChecksums).assumingMemoryBound(to: UInt32.self)
        for k in 0..<parents { sums[k] = image.chunkChecksum(k).littleEndian }
        writeDirectoryChecksum(raw, layout: layout)
        return image
    }
}
