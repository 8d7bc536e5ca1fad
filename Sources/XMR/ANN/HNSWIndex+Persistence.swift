import Foundation

extension HNSWIndex {
    /// Writes the index to the file `url` atomically (a temporary file, then a rename).
    ///
    /// Refuses to replace an existing file that is not an xmr HNSW index.
    public func save(to url: URL) throws {
        let path = url.path
        if FileManager.default.fileExists(atPath: path) {
            let head = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 8) } ?? Data()
            guard Array(head) == HNSWHeader.magic else {
                throw ANNError.invalidIndexFile(file: path, message: "exists and is not an xmr HNSW index; not replacing it")
            }
        }
        let bytes = Data(bytesNoCopy: region.base, count: layout.byteCount, deallocator: .none)
        do {
            try DurableFile.replace(url, with: bytes)
        } catch let failure as DurableFile.Failure {
            throw ANNError.invalidIndexFile(file: path, message: "cannot write the index: \(failure.reason)")
        }
    }

    /// A copy of the index image: exactly the bytes `save(to:)` writes.
    public func imageData() -> Data { Data(bytes: region.base, count: layout.byteCount) }

    /// Calls `body` with the index image in place (a mapped file's bytes, for checksums).
    func withImage<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: region.base, count: layout.byteCount))
    }

    /// Maps the index file at `url` into memory after checking its size, checksum and structure.
    public static func load(from url: URL) throws -> HNSWIndex {
        let path = url.path
        let region = try IndexRegion(mapping: path)
        let header = try HNSWHeader(reading: region.base, byteCount: region.byteCount, file: path)
        let layout = HNSWFileLayout(header)
        guard region.byteCount == layout.byteCount else {
            throw ANNError.invalidIndexFile(file: path, message: region.byteCount < layout.byteCount
                ? "file is truncated (\(region.byteCount) of \(layout.byteCount) bytes)"
                : "file is longer than its header says (\(region.byteCount) instead of \(layout.byteCount) bytes)")
        }
        let stored = UInt32(littleEndian: region.base.load(fromByteOffset: layout.trailer, as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(start: region.base, count: layout.trailer)) == stored else {
            throw ANNError.invalidIndexFile(file: path, message: "file is corrupted (CRC-32 mismatch)")
        }
        let index = HNSWIndex(region: region, header: header, layout: layout)
        if let problem = index.structureProblem() {
            throw ANNError.invalidIndexFile(file: path, message: problem)
        }
        return index
    }

    /// What is inconsistent in the graph or the vectors, or nil: so that no search can read
    /// outside the image even from a file whose checksum was forged.
    func structureProblem() -> String? {
        let g = graph
        var slot = 0
        for node in 0..<count {
            let level = Int(g.levels[node])
            guard level <= header.maxLevel else { return "node \(node) has level \(level) above the top \(header.maxLevel)" }
            guard Int(g.upperStart[node]) == slot else { return "node \(node) has a bad upper-level offset" }
            slot += level
        }
        guard slot == header.upperSlots, Int(g.levels[header.entryPoint]) == header.maxLevel else {
            return "the upper levels do not match the header"
        }
        func listsValid(_ base: UnsafeMutablePointer<UInt32>, slots: Int, capacity: Int) -> Bool {
            for s in 0..<slots {
                let list = base + s * (capacity + 1)
                let n = Int(list[0])
                guard n <= capacity else { return false }
                for j in 1...max(1, n) where j <= n && Int(list[j]) >= count { return false }
            }
            return true
        }
        guard listsValid(g.level0, slots: count, capacity: g.maxM0), listsValid(g.upper, slots: slot, capacity: g.m) else {
            return "a neighbour list is corrupted (count or id out of range)"
        }
        if !isDense {
            let rows = sparseRows
            guard rows.rowPointers[0] == 0, Int(rows.rowPointers[count]) == header.nonzeros else {
                return "the sparse row pointers do not match the header"
            }
            for row in 0..<count where rows.rowPointers[row] > rows.rowPointers[row + 1] {
                return "the sparse row pointers decrease at row \(row)"
            }
            for p in 0..<header.nonzeros where rows.indices[p] < 0 || Int(rows.indices[p]) >= dimension {
                return "a sparse index is out of range"
            }
        }
        return nil
    }
}
