import Foundation

/// Builds a `LabelTree` from label vectors by hierarchical balanced (spherical) 2-means, as libpecos.
///
/// First a *binary* tree of depth d is built: every node's labels are split by balanced 2-means
/// into halves of ⌊n/2⌋ and ⌈n/2⌉ labels, so the 2^d leaf clusters differ in size by at most one.
/// Then the binary leaves are collapsed into B-ary levels the way libpecos's
/// `ClusterChain.from_partial_chain` does: leaf cluster `c` gets parent `c / B`, repeatedly, while a
/// level has more than B clusters; the root sits above the last level. So the *top* level takes the
/// remainder and may have fewer than B children (L = 30,938, leaves ≤ 100, B = 16: d = 9 and the
/// levels are root → 2 → 32 → 512 → 30,938 labels). A B that is not a power of two is accepted, as
/// in libpecos: each parent then groups B consecutive binary leaves.
///
/// The tree depends only on the label vectors and the parameters (seed included), never on the
/// number of threads: every binary node draws its own seed from one generator seeded with `seed`.
public struct HierarchicalClustering: Sendable, Equatable, Codable {
    /// Children per node, B ≥ 2 (libpecos `nr_splits`, default 16).
    public var branching: Int
    /// Largest number of labels in a leaf cluster; sets the binary depth when `depth` is nil.
    public var maxLeafSize: Int
    /// Levels below the root, the label level included (= `LabelTree.depth`); nil = from `maxLeafSize`.
    ///
    /// `depth` 1 puts every label directly under the root; `depth` D ≥ 2 gives D − 1 levels of
    /// clusters, built from the deepest binary tree (at most ⌊log2 L⌋ levels) that collapses into
    /// exactly D − 1 B-ary levels, so every level but the top one has B children per node.
    public var depth: Int?
    /// Seed of the random generator that picks the 2-means seeds.
    public var seed: UInt64
    /// Worker threads (0 = every active core); the result does not depend on it.
    public var threads: Int
    /// Most 2-means iterations per split (libpecos `kmeans_max_iter`, default 20).
    public var maxIterations: Int
    /// Spherical 2-means: centroids are normalized sums (default, as libpecos); else plain means.
    public var spherical: Bool

    /// Clustering parameters; the defaults are libpecos's.
    public init(branching: Int = 16, maxLeafSize: Int = 100, depth: Int? = nil, seed: UInt64 = 0,
                threads: Int = 0, maxIterations: Int = 20, spherical: Bool = true) {
        self.branching = branching
        self.maxLeafSize = maxLeafSize
        self.depth = depth
        self.seed = seed
        self.threads = threads
        self.maxIterations = maxIterations
        self.spherical = spherical
    }

    /// Checks the parameters that do not depend on the data.
    public func validate() throws {
        guard branching >= 2 else {
            throw IndexingError.invalidParameter(name: "branching", message: "must be at least 2, got \(branching)")
        }
        guard maxLeafSize >= 1 else {
            throw IndexingError.invalidParameter(name: "max leaf size", message: "must be at least 1, got \(maxLeafSize)")
        }
        if let depth, depth < 1 {
            throw IndexingError.invalidParameter(name: "depth", message: "must be at least 1, got \(depth)")
        }
        guard maxIterations >= 1 else {
            throw IndexingError.invalidParameter(name: "max iterations", message: "must be at least 1, got \(maxIterations)")
        }
        guard threads >= 0 else {
            throw IndexingError.invalidParameter(name: "threads", message: "must be 0 (all cores) or more, got \(threads)")
        }
    }

    /// The binary depth d for `labelCount` labels (2^d leaf clusters; 0 = no clustering at all).
    ///
    /// Without `depth`, as libpecos: 0 when L ≤ maxLeafSize, else d = max(1, ⌈log2(L / maxLeafSize)⌉),
    /// which must leave at least one label per leaf (2^d ≤ L).
    public func binaryDepth(labelCount: Int) throws -> Int {
        try validate()
        guard labelCount >= 1 else {
            throw IndexingError.invalidParameter(name: "labels", message: "there are no labels to cluster")
        }
        let deepest = Self.floorLog2(labelCount)
        if let depth {
            if depth == 1 { return 0 }
            for d in stride(from: deepest, through: 1, by: -1)
            where Self.clusterLevelSizes(binaryDepth: d, branching: branching).count == depth - 1 {
                return d
            }
            let most = Self.clusterLevelSizes(binaryDepth: deepest, branching: branching).count + 1
            throw IndexingError.invalidParameter(
                name: "depth",
                message: "\(depth) is too deep for \(labelCount) labels with branching \(branching) (at most \(most))")
        }
        if labelCount <= maxLeafSize { return 0 }
        var d = 1
        while maxLeafSize << d < labelCount { d += 1 }
        if d > deepest {
            throw IndexingError.invalidParameter(
                name: "max leaf size",
                message: "\(maxLeafSize) would leave empty clusters for \(labelCount) labels; use 2 or more")
        }
        return d
    }

    /// Node counts of the cluster levels, top first, for a binary depth and branching (root and
    /// labels excluded): e.g. d = 9, B = 16 gives [2, 32, 512]. Empty for d = 0.
    public static func clusterLevelSizes(binaryDepth d: Int, branching: Int) -> [Int] {
        guard d > 0 else { return [] }
        var sizes = [1 << d]
        while sizes[0] > branching { sizes.insert((sizes[0] - 1) / branching + 1, at: 0) }
        return sizes
    }

    /// Node counts of every tree level below the root for `labelCount` labels, the labels last:
    /// e.g. [2, 32, 512, 30938]. Its count is the tree's depth.
    public func levelSizes(labelCount: Int) throws -> [Int] {
        let d = try binaryDepth(labelCount: labelCount)
        return Self.clusterLevelSizes(binaryDepth: d, branching: branching) + [labelCount]
    }

    /// Clusters the labels (rows of `labelVectors`, unit l2 norm or zero) into a B-ary tree.
    ///
    /// - Parameters:
    ///   - progress: called after every binary split, from worker threads, one call at a time.
    ///   - isCancelled: polled before every split; when it returns true the build throws
    ///     `IndexingError.cancelled`.
    public func build(labelVectors: CSRMatrix,
                      progress: (@Sendable (ClusteringProgress) -> Void)? = nil,
                      isCancelled: (@Sendable () -> Bool)? = nil) throws -> LabelTree {
        let leafCodes = try binaryLeafCodes(labelVectors: labelVectors, progress: progress, isCancelled: isCancelled)
        let d = try binaryDepth(labelCount: labelVectors.rows)
        return Self.collapse(leafCodes: leafCodes, binaryDepth: d, branching: branching)
    }

    /// The binary leaf (0 ..< 2^d) of every label, from the balanced binary tree; leaf 2j and 2j + 1
    /// are the two halves of binary node j one level up.
    func binaryLeafCodes(labelVectors: CSRMatrix,
                         progress: (@Sendable (ClusteringProgress) -> Void)? = nil,
                         isCancelled: (@Sendable () -> Bool)? = nil) throws -> [Int32] {
        let labelCount = labelVectors.rows
        let d = try binaryDepth(labelCount: labelCount)
        var elements = (0..<labelCount).map { Int32($0) }
        guard d > 0 else { return [Int32](repeating: 0, count: labelCount) }

        var generator = SplitMix64(seed: seed)
        let nodeSeeds = (0..<(1 << d)).map { _ in generator.next() }  // index = heap id (1 = root)
        let splitter = BinarySplitRunner(
            binaryDepth: d, nodeSeeds: nodeSeeds, workers: resolvedThreadCount(threads),
            maxIterations: maxIterations, spherical: spherical, progress: progress, isCancelled: isCancelled)
        let completed = labelVectors.rowPointers.withUnsafeBufferPointer { rp in
            labelVectors.columnIndices.withUnsafeBufferPointer { ci in
                labelVectors.values.withUnsafeBufferPointer { vv in
                    elements.withUnsafeMutableBufferPointer { el in
                        splitter.run(elements: el, rows: SparseRowsView(
                            rowPointers: rp, columnIndices: ci, values: vv, cols: labelVectors.cols))
                    }
                }
            }
        }
        guard completed else { throw IndexingError.cancelled }

        var codes = [Int32](repeating: 0, count: labelCount)
        let bounds = BinarySplitRunner.nodeBounds(labelCount: labelCount, level: d)
        for leaf in 0..<(1 << d) {
            for p in bounds[leaf]..<bounds[leaf + 1] { codes[Int(elements[p])] = Int32(leaf) }
        }
        return codes
    }

    /// Turns binary leaf codes into the B-ary `LabelTree` (libpecos `from_partial_chain`).
    static func collapse(leafCodes: [Int32], binaryDepth d: Int, branching: Int) -> LabelTree {
        guard d > 0 else { return LabelTree(parents: [leafCodes.map { _ in 0 }]) }
        var bottomUp: [[Int32]] = [leafCodes]
        var count = 1 << d
        while count > branching {
            bottomUp.append((0..<count).map { Int32($0 / branching) })
            count = (count - 1) / branching + 1
        }
        bottomUp.append([Int32](repeating: 0, count: count))
        return LabelTree(parents: bottomUp.reversed())
    }

    /// ⌊log2 n⌋ for n ≥ 1.
    static func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }
}
