import CVectorKernels
import Foundation
import Synchronization

/// Beam search for many queries at once, one tree level at a time, scoring chunk by chunk.
///
/// Searching query by query reads a parent's weight chunk once for every query whose beam holds
/// that parent; on a large model those reads miss the caches. Here every level first gathers all
/// (query, beam node) pairs of a block of queries, orders them by node, and scores each chunk for
/// all its queries in one sequential merge, so a chunk comes from memory about once per level and
/// block, in order, instead of once per query at random. Each query then keeps its best
/// candidates exactly as `BeamSearch` does (same scores, same order), so the rankings are
/// identical to query-by-query search.
struct BatchBeamSearch {
    /// The levels searched: tree, weights, query preparation and post-processor.
    let levels: LinearLevels
    var tree: LabelTree { levels.tree }
    var weights: [LevelWeights] { levels.weights }
    var firstLevel: Int { levels.firstLevel }
    var preparation: QueryPreparation { levels.preparation }
    var postProcessor: PostProcessor { levels.postProcessor }
    /// Nodes kept at every level but the last.
    let beamWidth: Int
    /// Nodes kept at the last level.
    let lastKeep: Int
    var threads: Int
    /// Queries searched together at most; bounds the candidate score buffer (block × beam × children floats).
    var blockSize = 4096
    /// The fewest queries a block searched by one thread alone may hold (see `blocks(count:)`).
    var minimumThreadBlock = 64

    /// The last level expanded.
    var lastLevel: Int { levels.lastLevel }

    /// Searches rows `rows` of `features` from `start` (one beam per row of `rows`, at level
    /// `firstLevel - 1`; nil = the root) down to `lastLevel`; returns the beams kept there and, if
    /// `recorded` is given, appends every level's kept nodes to each row's slot.
    ///
    /// With enough queries, every thread searches whole blocks on its own (`blocks(count:)`): the
    /// per-level steps around the scoring (preparing queries, sorting nonzeros, pairing, selecting)
    /// then run in parallel too, with no hand-over between threads per level. With few queries, one
    /// block at a time is searched by all threads, chunk by chunk.
    /// Throws when a chunk it reaches fails its first-use check (a damaged model file).
    func search(_ features: CSRMatrix, rows: Range<Int>, from start: ClusterBeams?,
                recorded: ResultSlots<[[Int32]]>? = nil) throws -> ClusterBeams {
        let stride = max(beamWidth, lastKeep)
        let nodes = ResultSlots<Int32>(count: rows.count * lastKeep, initial: 0)
        let scores = ResultSlots<Float>(count: rows.count * lastKeep, initial: 0)
        let counts = ResultSlots<Int>(count: rows.count, initial: 0)
        let blocks = blocks(count: rows.count)
        let alone = threads > 1 && blocks.count > 1 && blocks.allSatisfy { $0.count >= minimumThreadBlock }
        let blockSearcher = { var s = self; s.threads = alone ? 1 : threads; return s }()
        /// Searches block `b` and copies its beams into the output slots (each block its own rows).
        @Sendable func run(_ b: Int, scratch: CandidateScores) throws {
            let local = blocks[b]
            let initial = start?.slice(local, stride: stride)
                ?? ClusterBeams(rootsFor: local.count, stride: stride, rootScore: blockSearcher.postProcessor.rootScore)
            let lo = rows.lowerBound + local.lowerBound
            let beam = try blockSearcher.searchBlock(features, rows: lo..<(lo + local.count), from: initial,
                                                     recorded: recorded, scratch: scratch)
            for q in 0..<local.count {
                let n = min(beam.counts[q], lastKeep), out = local.lowerBound + q
                counts.pointer[out] = n
                for i in 0..<n {
                    nodes.pointer[out * lastKeep + i] = beam.nodes[q * stride + i]
                    scores.pointer[out * lastKeep + i] = beam.scores[q * stride + i]
                }
            }
        }
        if alone {
            let failure = Mutex<(any Error)?>(nil)
            let queue = JobQueue(count: blocks.count)
            DispatchQueue.concurrentPerform(iterations: min(threads, blocks.count)) { _ in
                let scratch = CandidateScores()
                while let b = queue.next() {
                    do { try run(b, scratch: scratch) } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                        return
                    }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
        } else {
            let scratch = CandidateScores()
            for b in blocks.indices { try run(b, scratch: scratch) }
        }
        return ClusterBeams(nodes: nodes.array(), scores: scores.array(), counts: counts.array(), stride: lastKeep, level: lastLevel)
    }

    /// The block size for a search whose deepest level has `parents` parent chunks and beam
    /// `beamWidth`: enough queries that a chunk of that level is wanted by about 64 of them (its
    /// one read from memory serves them all), between 512 and 4096.
    ///
    /// Measured on one thread (2 cores, 2 MB L2 each): delicious (16 chunks) ranks about 14% faster
    /// in blocks of 512 than of 4096, its candidate scores staying in the caches; the 100k-label
    /// synthetic set (about 1,000 chunks) about 8% slower in blocks of 1024 than of 4096.
    static func blockSize(parents: Int, beamWidth: Int) -> Int {
        min(4096, max(512, 64 * parents / max(1, beamWidth)))
    }

    /// The blocks of `count` queries (ranges from 0), in order.
    ///
    /// When every thread can have a block of at least `minimumThreadBlock` queries, the queries are
    /// cut into a multiple of `threads` blocks of near-equal size, none above `blockSize`, so the
    /// threads finish together; otherwise into blocks of `blockSize`.
    func blocks(count: Int) -> [Range<Int>] {
        let size = max(1, blockSize)
        var parts = (count + size - 1) / size
        if threads > 1 && count >= threads * minimumThreadBlock {
            let rounds = (count + threads * size - 1) / (threads * size)
            parts = threads * rounds
        }
        guard parts > 0 else { return [] }
        return (0..<parts).map { k in (k * count / parts)..<((k + 1) * count / parts) }
    }

    private func searchBlock(_ features: CSRMatrix, rows: Range<Int>, from initial: ClusterBeams,
                             recorded: ResultSlots<[[Int32]]>?, scratch: CandidateScores) throws -> ClusterBeams {
        let n = rows.count
        let queries = PreparedBatch(preparation: preparation, features: features, rows: rows)
        var block: BlockPostings?
        let stride = initial.stride
        var beam = initial
        for t in firstLevel...lastLevel {
            let keep = t == lastLevel ? lastKeep : beamWidth
            let childPointers = tree.childPointers[t - 1]
            let pairs = BeamPairs(beamNodes: beam.nodes, counts: beam.counts, stride: stride,
                                  childPointers: childPointers, parentCount: tree.nodeCount(atLevel: t - 1))
            try checkChunks(level: weights[t - firstLevel], pairs: pairs, childPointers: childPointers)
            let raw = scratch.zeroed(count: pairs.candidateCount)
            let sharedChunks = pairs.sharedChunks(queryCount: n)
            if block == nil && !sharedChunks.isEmpty {
                block = BlockPostings(queries: queries, queryCount: n, dimension: weights[t - firstLevel].dimension)
            }
            score(level: weights[t - firstLevel], pairs: pairs, queries: queries, block: block, sharedChunks: sharedChunks,
                  childPointers: childPointers, into: raw)
            beam = select(beam, stride: stride, keep: keep, level: t, pairs: pairs, raw: raw,
                          childPointers: childPointers, childIndices: tree.childIndices[t - 1])
            if let recorded {
                for q in 0..<n {
                    let base = q * stride
                    recorded.pointer[rows.lowerBound + q].append(Array(beam.nodes[base..<(base + beam.counts[q])]))
                }
            }
        }
        return beam
    }

    /// Checks (on `threads` threads) every chunk some pair reaches that has not been checked yet.
    private func checkChunks(level: LevelWeights, pairs: BeamPairs, childPointers: [Int]) throws {
        let unchecked = (0..<level.parentCount).filter {
            pairs.nodeStarts[$0 + 1] > pairs.nodeStarts[$0] && !level.image.isChecked($0)
        }
        guard !unchecked.isEmpty else { return }
        let failure = Mutex<XRLinearError?>(nil)
        let queue = JobQueue(count: unchecked.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, unchecked.count))) { _ in
            while let i = queue.next() {
                let k = unchecked[i]
                do { try level.checkChunk(k, childCount: childPointers[k + 1] - childPointers[k]) } catch {
                    let damage = error as? XRLinearError ?? .invalidInput("\(error)")
                    failure.withLock { if $0 == nil { $0 = damage } }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Scores every pair's chunk for its query, chunk by chunk, on `threads` threads.
    ///
    /// A chunk wanted by several queries is scored by one merge of its rows with all their
    /// nonzeros (`ChunkMergeScorer`): with the block's sorted nonzeros (`block`) when most of the
    /// block wants it (`BeamPairs.isShared`), else with its own queries' nonzeros sorted for it. A
    /// chunk wanted by one query is scored by bucket lookups (`ChunkScorer`).
    /// `sharedChunks` (`BeamPairs.sharedChunks`) are scored from `block`, one job per chunk and
    /// segment, queued first: they are the largest jobs.
    private func score(level: LevelWeights, pairs: BeamPairs, queries: PreparedBatch, block: BlockPostings?,
                       sharedChunks: [Int], childPointers: [Int], into raw: CandidateScores) {
        let queryCount = queries.pointers.count - 1
        let tasks = pairs.chunkTasks(count: threads * 16)
        let segments = block?.segmentCount ?? 0
        let sharedJobs = sharedChunks.count * segments
        let queue = JobQueue(count: sharedJobs + tasks.count - 1)
        let workers = max(1, min(threads, queue.count))
        level.withPointers { lp in
            queries.withPointers { qp in
                pairs.order.withUnsafeBufferPointer { order in
                    pairs.queries.withUnsafeBufferPointer { pairQueries in
                        pairs.offsets.withUnsafeBufferPointer { pairOffsets in
                            let shared = SharedPairs(order: order, queries: pairQueries.baseAddress!, offsets: pairOffsets.baseAddress!)
                            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                                var merger = ChunkMergeScorer()
                                while let job = queue.next() {
                                    if job < sharedJobs, let block {
                                        let node = sharedChunks[job / segments], segment = job % segments
                                        let segmentPairs = shared.pairs(ofNode: node, pairs: pairs, queries: block.queries(ofSegment: segment))
                                        merger.score(level: lp, chunk: node, pairs: segmentPairs, pairQueries: shared.queries,
                                                     pairOffsets: shared.offsets, block: block, segment: segment,
                                                     childCount: childPointers[node + 1] - childPointers[node], into: raw.pointer)
                                        continue
                                    }
                                    let task = job - sharedJobs
                                    var position = tasks[task]
                                    while position < tasks[task + 1] {
                                        let node = Int(pairs.nodes[shared.order[position]])
                                        let end = pairs.nodeStarts[node + 1]
                                        if pairs.isShared(pairCount: end - position, queryCount: queryCount) {
                                            // Scored by the shared jobs.
                                        } else if end - position > 1 {
                                            merger.score(level: lp, dimension: level.dimension, chunk: node, pairs: UnsafeBufferPointer(rebasing: shared.order[position..<end]),
                                                         pairQueries: shared.queries, pairOffsets: shared.offsets, queries: qp,
                                                         into: raw.pointer)
                                        } else {
                                            for k in position..<end {
                                                let p = shared.order[k]
                                                let q = shared.queries[p]
                                                ChunkScorer.score(level: lp, chunk: node, queryIndices: qp.indices(of: q),
                                                                  queryValues: qp.values(of: q), into: raw.pointer + shared.offsets[p])
                                            }
                                        }
                                        position = end
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Raw pointers to a level's pair arrays, shared read-only by the scoring threads.
    private struct SharedPairs: @unchecked Sendable {
        // Valid while the enclosing `withUnsafeBufferPointer` calls keep the arrays alive.
        let order: UnsafeBufferPointer<Int>
        let queries: UnsafePointer<Int>
        let offsets: UnsafePointer<Int>

        /// The pairs of `node` whose query lies in `range` (a node's pairs are in query order).
        func pairs(ofNode node: Int, pairs: BeamPairs, queries range: Range<Int>) -> UnsafeBufferPointer<Int> {
            var lo = pairs.nodeStarts[node], hi = pairs.nodeStarts[node + 1]
            func firstAtLeast(_ q: Int, _ lower: Int, _ upper: Int) -> Int {
                var a = lower, b = upper
                while a < b {
                    let m = (a + b) / 2
                    if queries[order[m]] < q { a = m + 1 } else { b = m }
                }
                return a
            }
            lo = firstAtLeast(range.lowerBound, lo, hi)
            hi = firstAtLeast(range.upperBound, lo, hi)
            return UnsafeBufferPointer(rebasing: order[lo..<hi])
        }
    }

    /// Each query's best `keep` children of its beam, by the same order as `BeamSearch`.
    private func select(_ beam: ClusterBeams, stride: Int, keep: Int, level: Int, pairs: BeamPairs,
                        raw: CandidateScores, childPointers: [Int], childIndices: [Int32]) -> ClusterBeams {
        let n = beam.counts.count
        let nodes = ResultSlots<Int32>(count: n * stride, initial: 0)
        let scores = ResultSlots<Float>(count: n * stride, initial: 0)
        let counts = ResultSlots<Int>(count: n, initial: 0)
        let blockSize = 64
        let cutoffs = L3HingeCutoff(enabled: postProcessor == .l3Hinge)
        let queue = JobQueue(count: (n + blockSize - 1) / blockSize)
        let workers = max(1, min(threads, queue.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var top: [BeamSearch.Candidate] = []
            top.reserveCapacity(keep + 1)
            while let block = queue.next() {
                let lo = block * blockSize
                for q in lo..<min(n, lo + blockSize) {
                    top.removeAll(keepingCapacity: true)
                    for j in 0..<beam.counts[q] {
                        let p = pairs.firstPair[q] + j
                        let parent = Int(beam.nodes[q * stride + j]), parentScore = beam.scores[q * stride + j]
                        let first = childPointers[parent], offset = pairs.offsets[p]
                        var cutoff = top.count == keep ? cutoffs.cutoff(parent: parentScore, worst: top[keep - 1].score) : .infinity
                        if cutoff < 0 { continue }
                        var floor = cutoffs.rawFloor(cutoff: cutoff)
                        let children = raw.pointer + offset, childCount = childPointers[parent + 1] - first
                        var i = 0
                        while i < childCount {
                            // Children below the floor are out by the exact test too: skip them 16 at a time.
                            if floor > -.infinity {
                                i = xmr_first_at_least_f32(children, i, childCount, floor)
                                if i == childCount { break }
                            }
                            let child = i, r = children[child]
                            i += 1
                            if cutoffs.isOut(raw: r, cutoff: cutoff) { continue }
                            let candidate = BeamSearch.Candidate(node: childIndices[first + child], parent: Int32(parent), raw: r,
                                                                 score: postProcessor.combine(parent: parentScore, raw: r))
                            if BeamSearch.insert(candidate, into: &top, keep: keep) && top.count == keep {
                                cutoff = cutoffs.cutoff(parent: parentScore, worst: top[keep - 1].score)
                                if cutoff < 0 { break }
                                floor = cutoffs.rawFloor(cutoff: cutoff)
                            }
                        }
                    }
                    for (i, c) in top.enumerated() {
                        nodes.pointer[q * stride + i] = c.node
                        scores.pointer[q * stride + i] = c.score
                    }
                    counts.pointer[q] = top.count
                }
            }
        }
        return ClusterBeams(nodes: nodes.array(), scores: scores.array(), counts: counts.array(), stride: stride, level: level)
    }
}
