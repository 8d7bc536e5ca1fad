/// A hierarchical navigable small-world graph over sparse or dense vectors (Malkov and
/// Yashunin, TPAMI 2018): approximate nearest-neighbour search by inner product, cosine or l2.
///
/// The whole index is one image in the layout of `HNSWFileLayout`, built in memory or
/// memory-mapped from a file, and immutable once built: any number of threads may search it,
/// each with its own `HNSWSearcher`.
public final class HNSWIndex: Sendable {
    let region: IndexRegion
    let header: HNSWHeader
    let layout: HNSWFileLayout

    init(region: IndexRegion, header: HNSWHeader, layout: HNSWFileLayout) {
        self.region = region
        self.header = header
        self.layout = layout
    }

    /// Number of indexed vectors.
    public var count: Int { header.count }
    /// Their dimension.
    public var dimension: Int { header.dimension }
    /// Whether the indexed vectors are dense.
    public var isDense: Bool { header.isDense }
    /// The similarity the index searches by.
    public var similarity: ANNSimilarity { header.similarity }
    /// The construction parameters (the thread count is not recorded and reads as 0).
    public var parameters: HNSWParameters {
        HNSWParameters(m: header.m, efConstruction: header.efConstruction, seed: header.seed, threads: 0)
    }
    /// The graph's top level.
    public var topLevel: Int { header.maxLevel }
    /// Size of the index image (and of its file) in bytes.
    public var byteCount: Int { layout.byteCount }

    var graph: HNSWGraph { layout.graph(header, base: region.base) }
    var sparseRows: SparseRows { layout.sparseRows(header, base: region.base) }
    var denseRows: DenseRows { layout.denseRows(header, base: region.base) }

    /// The neighbour ids of stored vector `node` at `level` (for inspection and tests).
    public func neighbors(of node: Int, level: Int = 0) -> [Int] {
        precondition(node >= 0 && node < count, "node out of range")
        guard level <= Int(graph.levels[node]) else { return [] }
        let list = graph.list(UInt32(node), level: level)
        return (0..<Int(list[0])).map { Int(list[1 + $0]) }
    }

    /// Builds an index over `vectors` (every value finite).
    ///
    /// With `.cosine` the stored vectors are l2-normalized copies; `.l2` needs dense vectors.
    /// The result depends only on the vectors, the similarity and `parameters` without its
    /// thread count. `progress` is called on the calling thread with the number of vectors
    /// inserted so far.
    public static func build(_ vectors: ANNVectors, similarity: ANNSimilarity = .innerProduct,
                             parameters: HNSWParameters = HNSWParameters(),
                             progress: ((Int) -> Void)? = nil) throws -> HNSWIndex {
        try parameters.validate()
        try ANNInputCheck.indexable(vectors, similarity: similarity)
        let count = vectors.count
        let levels = HNSWLevels.draw(count: count, m: parameters.m, seed: parameters.seed)
        var upperStart = [UInt32](repeating: 0, count: count)
        var upperSlots = 0
        for i in 0..<count {
            upperStart[i] = UInt32(upperSlots)
            upperSlots += Int(levels[i])
        }
        var nonzeros = 0
        if case let .sparse(matrix) = vectors { nonzeros = matrix.nonzeros }
        var header = HNSWHeader(isDense: vectors.isDense, similarity: similarity, count: count,
                                dimension: vectors.dimension, m: parameters.m, efConstruction: parameters.efConstruction,
                                seed: parameters.seed, entryPoint: 0, maxLevel: Int(levels[0]), upperSlots: upperSlots,
                                nonzeros: nonzeros)
        let layout = HNSWFileLayout(header)
        let region = IndexRegion(allocating: layout.byteCount)
        let base = region.base
        levels.withUnsafeBytes { (base + layout.levels).copyMemory(from: $0.baseAddress!, byteCount: count) }
        upperStart.withUnsafeBytes { (base + layout.upperStart).copyMemory(from: $0.baseAddress!, byteCount: 4 * count) }
        ANNVectorCopy.copy(vectors, normalize: similarity == .cosine, into: base, layout: layout)
        let graph = layout.graph(header, base: base)
        let order = HNSWInsertionOrder.draw(count: count, seed: parameters.seed)
        let top: (entry: Int, maxLevel: Int)
        if header.isDense {
            top = HNSWBuilder.build(rows: layout.denseRows(header, base: base), graph: graph, order: order,
                                    efConstruction: parameters.efConstruction, threads: parameters.threads, progress: progress)
        } else {
            top = HNSWBuilder.build(rows: layout.sparseRows(header, base: base), graph: graph, order: order,
                                    efConstruction: parameters.efConstruction, threads: parameters.threads, progress: progress)
        }
        header.entryPoint = top.entry
        header.maxLevel = top.maxLevel
        header.write(to: base)
        let crc = CRC32.checksum(UnsafeRawBufferPointer(start: base, count: layout.trailer))
        base.storeBytes(of: crc.littleEndian, toByteOffset: layout.trailer, as: UInt32.self)
        return HNSWIndex(region: region, header: header, layout: layout)
    }

    /// A searcher for one thread (it owns the scratch memory of a search).
    public func makeSearcher() -> HNSWSearcher { HNSWSearcher(index: self) }

    /// The `k` nearest indexed vectors of every query, searched with a candidate list of
    /// `max(ef, k)` on `threads` threads (0 = every active core); the result does not depend on it.
    public func search(_ queries: ANNVectors, k: Int, ef: Int, threads: Int = 0) throws -> ANNSearchResults {
        try ANNInputCheck.searchParameters(k: k, ef: ef)
        try ANNInputCheck.queries(queries, for: self)
        let n = queries.count
        let ids = ResultSlots<Int32>(count: n * k, initial: -1)
        let scores = ResultSlots<Float>(count: n * k, initial: 0)
        let workers = max(1, min(resolvedThreadCount(threads), n))
        runParallel(workers: workers) { w in
            let searcher = self.makeSearcher()
            var q = w
            while q < n {
                searcher.searchRow(q, of: queries, k: k, ef: ef, ids: ids.pointer + q * k, scores: scores.pointer + q * k)
                q += workers
            }
        }
        return ANNSearchResults(queryCount: n, k: k, ids: ids.array(), scores: scores.array())
    }
}
