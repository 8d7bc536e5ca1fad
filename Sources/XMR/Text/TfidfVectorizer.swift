import Foundation

/// Turns raw texts into l2-normalized TF-IDF vectors over a vocabulary learnt from training texts.
///
/// Weights follow scikit-learn's `TfidfVectorizer(smooth_idf=True)`: a term's weight is
/// `tf × idf` with `tf` the count in the document (or `1 + ln(count)` when `sublinearTF`) and
/// `idf = ln((1 + n) / (1 + df)) + 1`, `n` the training documents and `df` those containing the
/// term; then each vector is scaled to unit l2 norm. Terms are listed in byte (Unicode scalar)
/// order, so feature ids do not depend on the order of the texts or the number of threads.
public struct TfidfVectorizer: Sendable, Equatable {
    /// The settings used by `fit` and `transform`.
    public private(set) var configuration: TfidfConfiguration
    /// The feature names: `vocabulary[j]` is the term of feature `j`, in ascending byte order.
    public private(set) var vocabulary: [String]
    /// The inverse document frequency of each feature.
    public private(set) var idf: [Float]
    /// The number of documents `fit` saw.
    public private(set) var documentCount: Int
    /// Term bytes → feature id, for allocation-free lookups.
    private(set) var terms: ByteStringTable

    /// An unfitted vectorizer (empty vocabulary) with the given settings.
    public init(configuration: TfidfConfiguration = TfidfConfiguration()) {
        self.configuration = configuration
        self.vocabulary = []
        self.idf = []
        self.documentCount = 0
        self.terms = ByteStringTable()
    }

    /// A fitted vectorizer from its parts (used when loading); `terms` must be in ascending byte order.
    init(configuration: TfidfConfiguration, terms: ByteStringTable, idf: [Float], documentCount: Int) {
        self.configuration = configuration
        self.terms = terms
        self.vocabulary = (0..<terms.count).map { terms.string($0) }
        self.idf = idf
        self.documentCount = documentCount
    }

    /// Number of features (the vocabulary's size).
    public var featureCount: Int { vocabulary.count }

    /// The feature id of a term as it appears in `vocabulary`, or `nil`.
    public func featureIndex(of term: String) -> Int? {
        var term = term
        let id = term.withUTF8 { terms.find($0) }
        return id < 0 ? nil : Int(id)
    }

    /// The number of worker threads used when `threads` is not given.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    // MARK: Fitting

    /// Learns the vocabulary and idf weights from `texts`, replacing any earlier fit.
    ///
    /// Counts document frequencies in parallel over contiguous chunks of texts, then merges the
    /// per-chunk counts; the result does not depend on `threads`.
    public mutating func fit(texts: [String], threads: Int? = nil) throws {
        try configuration.validate()
        let workers = Swift.min(threads ?? Self.defaultThreadCount, Swift.max(1, texts.count / 64))
        let chunks = Self.chunkRanges(count: texts.count, chunks: Swift.max(1, workers))
        let results = ResultSlots<(ByteStringTable, [Int32])?>(emptyCount: chunks.count)
        let configuration = self.configuration
        // Safe: each iteration writes only its own slot of `results`; `texts` is only read.
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            results.set(c, Self.countDocumentFrequencies(texts, chunks[c], configuration))
        }
        // Merge the chunks' counts into the first chunk's table.
        var (merged, df) = results.take(0) ?? (ByteStringTable(), [])
        for c in 1..<Swift.max(1, chunks.count) {
            guard let (table, counts) = results.take(c) else { continue }
            for id in 0..<table.count {
                let global = table.key(id).withUnsafeBufferPointer { merged.insert($0) }
                if Int(global) == df.count { df.append(counts[id]) } else { df[Int(global)] += counts[id] }
            }
        }
        // Filter by document frequency, cap the count, then order by bytes.
        var kept = (0..<merged.count).filter { Int(df[$0]) >= configuration.minDocumentFrequency }
        if let cap = configuration.maxFeatures, kept.count > cap {
            kept.sort { df[$0] != df[$1] ? df[$0] > df[$1] : merged.precedes($0, $1) }
            kept.removeSubrange(cap...)
        }
        kept.sort { merged.precedes($0, $1) }
        var table = ByteStringTable()
        var idf: [Float] = []
        idf.reserveCapacity(kept.count)
        let n = Double(texts.count)
        for id in kept {
            _ = merged.key(id).withUnsafeBufferPointer { table.insert($0) }
            idf.append(Float(log((1 + n) / (1 + Double(df[id]))) + 1))
        }
        self = TfidfVectorizer(configuration: configuration, terms: table, idf: idf, documentCount: texts.count)
    }

    /// Fits on `texts` and returns their vectors.
    public mutating func fitTransform(texts: [String], threads: Int? = nil) throws -> CSRMatrix {
        try fit(texts: texts, threads: threads)
        return transform(texts: texts, threads: threads)
    }

    /// Counts, for one chunk of texts, every term's document frequency.
    private static func countDocumentFrequencies(_ texts: [String], _ range: Range<Int>,
                                                 _ configuration: TfidfConfiguration) -> (ByteStringTable, [Int32]) {
        var table = ByteStringTable()
        var df: [Int32] = []
        var lastSeen: [Int32] = []
        var extractor = TermExtractor(configuration)
        for d in range {
            let doc = Int32(truncatingIfNeeded: d)
            extractor.forEachTerm(in: texts[d]) { key in
                let id = Int(table.insert(key))
                if id == df.count {
                    df.append(1)
                    lastSeen.append(doc)
                } else if lastSeen[id] != doc {
                    lastSeen[id] = doc
                    df[id] += 1
                }
            }
        }
        return (table, df)
    }

    // MARK: Transforming

    /// The TF-IDF vector of one text (terms outside the vocabulary are ignored).
    public func transform(_ text: String) -> SparseVector {
        var scratch = TransformScratch(configuration)
        var indices: [Int32] = [], values: [Float] = []
        vectorize(text, &scratch, &indices, &values)
        return SparseVector(dimension: featureCount, indices: indices, values: values)
    }

    /// The TF-IDF vectors of many texts as rows of a matrix, computed in parallel.
    ///
    /// Each row depends only on its text, so the result is the same for any `threads`.
    public func transform(texts: [String], threads: Int? = nil) -> CSRMatrix {
        let workers = Swift.max(1, threads ?? Self.defaultThreadCount)
        let chunkCount = Swift.min(Swift.max(1, texts.count / 32), workers * 8)
        let chunks = Self.chunkRanges(count: texts.count, chunks: chunkCount)
        let results = ResultSlots<(rowEnds: [Int], indices: [Int32], values: [Float])?>(emptyCount: chunks.count)
        let iterate: @Sendable (Int) -> Void = { c in
            var scratch = TransformScratch(self.configuration, denseOver: self.featureCount)
            var rowEnds: [Int] = [], indices: [Int32] = [], values: [Float] = []
            rowEnds.reserveCapacity(chunks[c].count)
            for d in chunks[c] {
                self.vectorize(texts[d], &scratch, &indices, &values)
                rowEnds.append(indices.count)
            }
            results.set(c, (rowEnds, indices, values))
        }
        if workers == 1 {
            for c in 0..<chunks.count { iterate(c) }
        } else {
            // Safe: each iteration writes only its own slot of `results`; everything else is read-only.
            DispatchQueue.concurrentPerform(iterations: chunks.count, execute: iterate)
        }
        var rowPointers = [0]
        rowPointers.reserveCapacity(texts.count + 1)
        var indices: [Int32] = [], values: [Float] = []
        for c in 0..<chunks.count {
            guard let part = results.take(c) else { continue }
            let shift = indices.count
            for end in part.rowEnds { rowPointers.append(shift + end) }
            indices.append(contentsOf: part.indices)
            values.append(contentsOf: part.values)
        }
        return CSRMatrix(rows: texts.count, cols: featureCount, rowPointers: rowPointers,
                         columnIndices: indices, values: values)
    }

    /// Appends the sorted feature ids and weights of `text` to `indices` and `values`.
    private func vectorize(_ text: String, _ scratch: inout TransformScratch,
                           _ indices: inout [Int32], _ values: inout [Float]) {
        collectTermCounts(text, &scratch)
        guard !scratch.ids.isEmpty else { return }
        scratch.weights.removeAll(keepingCapacity: true)
        var sumOfSquares = 0.0
        let sublinear = configuration.sublinearTF
        idf.withUnsafeBufferPointer { idf in
            for (id, count) in zip(scratch.ids, scratch.termCounts) {
                let tf = sublinear ? Self.sublinearTF(Int(count)) : Double(count)
                let weight = tf * Double(idf[Int(id)])
                sumOfSquares += weight * weight
                scratch.weights.append(weight)
            }
        }
        let scale = configuration.l2Normalize && sumOfSquares > 0 ? 1 / sumOfSquares.squareRoot() : 1
        indices.append(contentsOf: scratch.ids)
        for w in scratch.weights { values.append(Float(w * scale)) }
    }

    /// Fills `scratch.ids` with the distinct in-vocabulary feature ids of `text`, ascending, and
    /// `scratch.termCounts` with how often each occurs.
    ///
    /// With a dense counter (batch transforms) only the distinct ids are sorted; without one
    /// (a single query) all occurrences are sorted and counted in runs, which avoids
    /// allocating a vocabulary-sized array per call.
    private func collectTermCounts(_ text: String, _ scratch: inout TransformScratch) {
        scratch.ids.removeAll(keepingCapacity: true)
        scratch.termCounts.removeAll(keepingCapacity: true)
        if scratch.denseCounts.isEmpty {
            var all: [Int32] = []
            swap(&all, &scratch.occurrences)
            defer { swap(&all, &scratch.occurrences) }
            all.removeAll(keepingCapacity: true)
            scratch.extractor.forEachTerm(in: text) { key in
                let id = terms.find(key)
                if id >= 0 { all.append(id) }
            }
            all.sort()
            var p = 0
            while p < all.count {
                var q = p + 1
                while q < all.count && all[q] == all[p] { q += 1 }
                scratch.ids.append(all[p])
                scratch.termCounts.append(Int32(q - p))
                p = q
            }
            return
        }
        var counts: [Int32] = [], ids: [Int32] = []
        swap(&counts, &scratch.denseCounts)
        swap(&ids, &scratch.ids)
        defer { swap(&counts, &scratch.denseCounts); swap(&ids, &scratch.ids) }
        counts.withUnsafeMutableBufferPointer { counts in
            scratch.extractor.forEachTerm(in: text) { key in
                let id = terms.find(key)
                guard id >= 0 else { return }
                if counts[Int(id)] == 0 { ids.append(id) }
                counts[Int(id)] += 1
            }
            ids.sort()
            for id in ids {
                scratch.termCounts.append(counts[Int(id)])
                counts[Int(id)] = 0
            }
        }
    }

    /// `1 + ln(count)`, from a table for small counts.
    @inline(__always)
    private static func sublinearTF(_ count: Int) -> Double {
        count < sublinearTable.count ? sublinearTable[count] : 1 + log(Double(count))
    }

    /// `1 + ln(c)` for c < 64 (entry 0 unused).
    private static let sublinearTable: [Double] = (0..<64).map { $0 == 0 ? 0 : 1 + log(Double($0)) }

    /// Splits `0..<count` into at most `chunks` contiguous, nearly equal ranges (at least one).
    static func chunkRanges(count: Int, chunks: Int) -> [Range<Int>] {
        let k = Swift.max(1, Swift.min(chunks, count))
        return (0..<k).map { c in (count * c / k)..<(count * (c + 1) / k) }
    }

    /// Two vectorizers are equal when their configuration, vocabulary and idf values are.
    public static func == (lhs: TfidfVectorizer, rhs: TfidfVectorizer) -> Bool {
        lhs.configuration == rhs.configuration && lhs.vocabulary == rhs.vocabulary
            && lhs.idf == rhs.idf && lhs.documentCount == rhs.documentCount
    }
}

/// Per-thread buffers reused across the documents of one transform.
private struct TransformScratch {
    /// Produces the document's term keys.
    var extractor: TermExtractor
    /// The document's distinct feature ids, ascending.
    var ids: [Int32] = []
    /// How often each of `ids` occurs.
    var termCounts: [Int32] = []
    /// The weights of `ids` before normalization.
    var weights: [Double] = []
    /// All in-vocabulary occurrences (single-text mode).
    var occurrences: [Int32] = []
    /// Per-feature counters, all zero between documents; empty in single-text mode.
    var denseCounts: [Int32] = []

    /// Scratch for one text at a time (`dense == false`) or for a batch over `featureCount` features.
    init(_ configuration: TfidfConfiguration, denseOver featureCount: Int? = nil) {
        extractor = TermExtractor(configuration)
        if let featureCount { denseCounts = [Int32](repeating: 0, count: featureCount) }
    }
}

