/// The rankers of one tree level, stored in one chunk per parent node.
///
/// Chunk `k` holds the children of parent `k` (in the order of `LabelTree.children`). Its rows
/// are the union of the feature ids with a nonzero weight in any of those children, ascending;
/// each row lists (local child, weight) entries. One pass over a query's nonzeros therefore
/// scores all children of a node together.
///
/// Each chunk also has an open-addressing hash table from feature id to row, built on creation
/// (not stored in model files), so a query nonzero finds its row in about one probe.
///
/// Row pointers are 32-bit and local child indices 16-bit, so a level holds fewer than 2^32
/// weights and a node at most 65,536 children; `capacityProblem` and the throwing initializer
/// say so instead of trapping.
public struct LevelWeights: Sendable, Equatable {
    /// The most children one node may have (local child indices are 16-bit).
    public static let maxChildrenPerNode = 1 << 16
    /// The most weights one level may hold (row pointers are 32-bit).
    public static let maxNonzeros = Int(UInt32.max)

    /// Number of features including the bias feature (the weight vectors' dimension).
    public let dimension: Int
    /// `chunkPointers[k] ..< chunkPointers[k + 1]` are chunk k's rows in `rowFeatures`.
    public let chunkPointers: [Int]
    /// Feature id of every chunk row, ascending within a chunk.
    public let rowFeatures: [Int32]
    /// `rowPointers[r] ..< rowPointers[r + 1]` are row r's entries.
    public let rowPointers: [UInt32]
    /// Local child index (0-based position among the parent's children) of every entry.
    public let entryChildren: [UInt16]
    /// Weight of every entry.
    public let entryValues: [Float]
    /// `hashPointers[k] ..< hashPointers[k + 1]` is chunk k's table in `rowHash` (a power of two long).
    let hashPointers: [Int]
    /// Row index within the chunk per hash slot, −1 for an empty slot.
    let rowHash: [Int32]

    /// Creates a level from raw arrays (as read from a model file); `validate` checks them.
    public init(dimension: Int, chunkPointers: [Int], rowFeatures: [Int32], rowPointers: [UInt32],
                entryChildren: [UInt16], entryValues: [Float]) {
        self.dimension = dimension
        self.chunkPointers = chunkPointers
        self.rowFeatures = rowFeatures
        self.rowPointers = rowPointers
        self.entryChildren = entryChildren
        self.entryValues = entryValues
        (hashPointers, rowHash) = Self.buildHash(chunkPointers: chunkPointers, rowFeatures: rowFeatures)
    }

    /// A level with no weights under `parents` nodes: the cluster levels of a model whose
    /// matcher is not linear (every child's score is then the post-processed 0).
    public static func empty(dimension: Int, parents: Int) -> LevelWeights {
        LevelWeights(dimension: dimension, chunkPointers: [Int](repeating: 0, count: parents + 1), rowFeatures: [],
                     rowPointers: [0], entryChildren: [], entryValues: [])
    }

    /// The slot of feature `f` in a table with `mask + 1` slots.
    @inline(__always)
    static func slot(_ f: Int32, mask: Int) -> Int {
        Int((UInt32(bitPattern: f) &* 0x9E37_79B1) >> 7) & mask
    }

    /// One hash table per chunk; empty when the pointers are malformed (`validate` rejects those).
    private static func buildHash(chunkPointers: [Int], rowFeatures: [Int32]) -> ([Int], [Int32]) {
        guard let first = chunkPointers.first, first == 0, chunkPointers.last == rowFeatures.count,
              zip(chunkPointers, chunkPointers.dropFirst()).allSatisfy({ $0 <= $1 }) else { return ([0], []) }
        var pointers = [0]
        pointers.reserveCapacity(chunkPointers.count)
        for k in 0..<(chunkPointers.count - 1) {
            let rows = chunkPointers[k + 1] - chunkPointers[k]
            var size = 1
            while size < 2 * rows { size <<= 1 }
            pointers.append(pointers[k] + (rows == 0 ? 0 : size))
        }
        var table = [Int32](repeating: -1, count: pointers.last!)
        for k in 0..<(chunkPointers.count - 1) {
            let base = pointers[k], mask = pointers[k + 1] - base - 1
            guard mask >= 0 else { continue }
            let lo = chunkPointers[k]
            for r in lo..<chunkPointers[k + 1] {
                var h = slot(rowFeatures[r], mask: mask)
                while table[base + h] >= 0 { h = (h + 1) & mask }
                // A chunk has at most one row per feature, so its local row index fits an Int32.
                table[base + h] = Int32(r - lo)
            }
        }
        return (pointers, table)
    }

    /// Why level `level` of `tree` cannot be stored (a node with too many children), or nil.
    public static func capacityProblem(tree: LabelTree, level: Int) -> String? {
        let pointers = tree.childPointers[level - 1]
        for k in 0..<(pointers.count - 1) where pointers[k + 1] - pointers[k] > maxChildrenPerNode {
            return "node \(k) of level \(level - 1) has \(pointers[k + 1] - pointers[k]) children; "
                + "a model stores at most \(maxChildrenPerNode) children per node"
        }
        return nil
    }

    /// Builds the chunks from each node's sparse weight vector.
    ///
    /// `childWeights[i]` belongs to node i of this level; `tree` and `level` give the parents.
    /// Throws `XRLinearError.invalidInput` when a parent has more than `maxChildrenPerNode`
    /// children or the level more than `maxNonzeros` weights.
    public init(childWeights: [SparseVector], tree: LabelTree, level: Int, dimension: Int) throws {
        if let problem = Self.capacityProblem(tree: tree, level: level) {
            throw XRLinearError.invalidInput("level \(level) weights: \(problem)")
        }
        let total = childWeights.reduce(0) { $0 + $1.nonzeros }
        guard total <= Self.maxNonzeros else {
            throw XRLinearError.invalidInput("level \(level) has \(total) weights; a model stores at most \(Self.maxNonzeros) per level")
        }
        let parentCount = tree.nodeCount(atLevel: level - 1)
        var chunkPointers = [0]
        chunkPointers.reserveCapacity(parentCount + 1)
        var rowFeatures: [Int32] = []
        var rowPointers: [UInt32] = [0]
        var entryChildren: [UInt16] = []
        var entryValues: [Float] = []
        entryChildren.reserveCapacity(total)
        entryValues.reserveCapacity(total)
        var triplets: [(feature: Int32, child: UInt16, value: Float)] = []
        for k in 0..<parentCount {
            triplets.removeAll(keepingCapacity: true)
            for (local, node) in tree.children(ofNode: k, atLevel: level - 1).enumerated() {
                let w = childWeights[Int(node)]
                for (j, v) in zip(w.indices, w.values) { triplets.append((j, UInt16(local), v)) }
            }
            triplets.sort { $0.feature != $1.feature ? $0.feature < $1.feature : $0.child < $1.child }
            var last: Int32 = -1
            for t in triplets {
                if t.feature != last {
                    if last >= 0 { rowPointers.append(UInt32(entryValues.count)) }
                    rowFeatures.append(t.feature)
                    last = t.feature
                }
                entryChildren.append(t.child)
                entryValues.append(t.value)
            }
            if last >= 0 { rowPointers.append(UInt32(entryValues.count)) }
            chunkPointers.append(rowFeatures.count)
        }
        self.init(dimension: dimension, chunkPointers: chunkPointers, rowFeatures: rowFeatures,
                  rowPointers: rowPointers, entryChildren: entryChildren, entryValues: entryValues)
    }

    /// Number of parent chunks.
    public var parentCount: Int { chunkPointers.count - 1 }

    /// Number of stored weights.
    public var nonzeros: Int { entryValues.count }

    /// The weight vector of local child `local` of parent `k` (for inspection and tests).
    public func weights(parent k: Int, localChild local: Int) -> SparseVector {
        var indices: [Int32] = []
        var values: [Float] = []
        for r in chunkPointers[k]..<chunkPointers[k + 1] {
            for e in Int(rowPointers[r])..<Int(rowPointers[r + 1]) where Int(entryChildren[e]) == local {
                indices.append(rowFeatures[r])
                values.append(entryValues[e])
            }
        }
        return SparseVector(dimension: dimension, indices: indices, values: values)
    }

    /// Checks that the arrays are consistent with each other and with the tree level.
    func validate(tree: LabelTree, level: Int) -> String? {
        if let problem = Self.capacityProblem(tree: tree, level: level) { return problem }
        let parents = tree.nodeCount(atLevel: level - 1)
        guard chunkPointers.count == parents + 1 else { return "has \(chunkPointers.count - 1) chunks, tree level has \(parents) parents" }
        guard chunkPointers.first == 0, chunkPointers.last == rowFeatures.count,
              hashPointers.count == chunkPointers.count else { return "bad chunk pointers" }
        guard rowPointers.count == rowFeatures.count + 1, rowPointers.first == 0,
              rowPointers.last.map({ Int($0) }) == entryValues.count,
              entryChildren.count == entryValues.count else { return "bad row pointers" }
        for k in 0..<parents where chunkPointers[k] > chunkPointers[k + 1] { return "bad chunk pointers" }
        for r in 0..<rowFeatures.count where rowPointers[r] > rowPointers[r + 1] { return "bad row pointers" }
        for k in 0..<parents {
            let lo = chunkPointers[k], hi = chunkPointers[k + 1]
            let childCount = tree.children(ofNode: k, atLevel: level - 1).count
            var previous: Int32 = -1
            for r in lo..<hi {
                let f = rowFeatures[r]
                guard f > previous, Int(f) < dimension else { return "row features out of order or range" }
                previous = f
                let a = Int(rowPointers[r]), b = Int(rowPointers[r + 1])
                for e in a..<b where Int(entryChildren[e]) >= childCount {
                    return "entry child out of range"
                }
            }
        }
        return nil
    }
}
