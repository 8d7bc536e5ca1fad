import Foundation

/// The rankers of one tree level, stored in one chunk per parent node.
///
/// Chunk `k` holds the children of parent `k` (in the order of `LabelTree.children`). Its rows
/// are the union of the feature ids with a nonzero weight in any of those children, ascending;
/// each row lists (local child, weight) entries. One pass over a query's nonzeros therefore
/// scores all children of a node together.
///
/// The arrays live in a `WeightImage`: the bytes of the level's weight file, memory-mapped when
/// the level was loaded, in a compact layout (`ChunkShape`: 16-bit feature low bits under a
/// bucket index, 8-bit weight counts and children where they fit) built with the level, not on
/// every load. A mapped chunk is checked on first use (`checkChunk`).
///
/// Local child indices are at most 16-bit and a level's weights are counted in 32 bits, so a
/// level holds fewer than 2^32 weights and a node at most 65,536 children; `capacityProblem` and
/// the throwing initializer say so instead of trapping. Nothing else limits a chunk: one too
/// large for 16-bit rows and bucket slots (more than 65,535 rows or weights) uses 32-bit ones.
public struct LevelWeights: Sendable, Equatable {
    /// The most children one node may have (local child indices are 16-bit).
    public static let maxChildrenPerNode = 1 << 16
    /// The most weights one level may hold (weight counts are 32-bit).
    public static let maxNonzeros = Int(UInt32.max)

    /// The bytes all arrays view.
    let image: WeightImage

    /// Number of features including the bias feature (the weight vectors' dimension).
    public var dimension: Int { image.dimension }
    /// `chunkPointers[k] ..< chunkPointers[k + 1]` are chunk k's rows in `rowFeatures`.
    public var chunkPointers: StoredArray<Int> { image.chunkPointers }
    /// Feature id of every chunk row, ascending within a chunk (decoded from the image: a pass
    /// over the level).
    public var rowFeatures: [Int32] { decodedRows().features }
    /// `rowPointers[r] ..< rowPointers[r + 1]` are row r's entries (decoded: a pass over the level).
    public var rowPointers: [UInt32] { decodedRows().pointers }
    /// Local child index (0-based position among the parent's children) of every entry (decoded:
    /// a pass over the level).
    public var entryChildren: [UInt16] { decodedRows().children }
    /// Weight of every entry.
    public var entryValues: StoredArray<Float> { image.entryValues }

    /// Creates a level from raw arrays (as read from an older model file); `validate` checks them.
    /// `level` is the level number its weight file will record.
    public init(dimension: Int, chunkPointers: [Int], rowFeatures: [Int32], rowPointers: [UInt32],
                entryChildren: [UInt16], entryValues: [Float], level: Int = 0) {
        image = WeightImage.build(level: level, dimension: dimension, chunkPointers: chunkPointers, rowFeatures: rowFeatures,
                                  rowPointers: rowPointers, entryChildren: entryChildren, entryValues: entryValues)
    }

    /// A level over `image` (a mapped weight file).
    init(image: WeightImage) { self.image = image }

    /// A level with no weights under `parents` nodes: the cluster levels of a model whose
    /// matcher is not linear (every child's score is then the post-processed 0).
    public static func empty(dimension: Int, parents: Int, level: Int = 0) -> LevelWeights {
        LevelWeights(dimension: dimension, chunkPointers: [Int](repeating: 0, count: parents + 1), rowFeatures: [],
                     rowPointers: [0], entryChildren: [], entryValues: [], level: level)
    }

    /// Throws unless chunk `k` (whose parent has `childCount` children) is intact; checks a chunk
    /// of a mapped file once, on first use (see `WeightImage.checkChunk`).
    @inline(__always)
    func checkChunk(_ k: Int, childCount: Int) throws {
        if image.isChecked(k) { return }
        try image.checkChunk(k, childCount: childCount)
    }

    /// Checks every chunk of this level of `tree` (what `xmr check` does for each level).
    func checkAllChunks(tree: LabelTree, level: Int) throws {
        let pointers = tree.childPointers[level - 1]
        for k in 0..<parentCount { try checkChunk(k, childCount: pointers[k + 1] - pointers[k]) }
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
                  rowPointers: rowPointers, entryChildren: entryChildren, entryValues: entryValues, level: level)
    }

    /// Number of parent chunks.
    public var parentCount: Int { chunkPointers.count - 1 }

    /// Number of stored weights.
    public var nonzeros: Int { entryValues.count }

    /// The weight vector of local child `local` of parent `k` (for inspection and tests); empty
    /// when the chunk fails its check (`checkChunk`).
    public func weights(parent k: Int, localChild local: Int) -> SparseVector {
        var indices: [Int32] = []
        var values: [Float] = []
        if (try? checkChunk(k, childCount: LevelWeights.maxChildrenPerNode)) != nil {
            forEachEntry(inChunk: k) { feature, child, value in
                if child == local { indices.append(feature); values.append(value) }
            }
        }
        return SparseVector(dimension: dimension, indices: indices, values: values)
    }

    /// Calls `body(feature, localChild, value)` for every weight of chunk `k`, features ascending;
    /// the chunk must have passed `checkChunk`.
    func forEachEntry(inChunk k: Int, _ body: (Int32, Int, Float) -> Void) {
        image.forEachEntry(inChunk: k, body)
    }

    /// The rows of every chunk as plain arrays: feature ids, row pointers and children (empty
    /// when a chunk fails its check).
    func decodedRows() -> (features: [Int32], pointers: [UInt32], children: [UInt16]) {
        var features: [Int32] = [], pointers: [UInt32] = [0], children: [UInt16] = []
        for k in 0..<parentCount where (try? checkChunk(k, childCount: LevelWeights.maxChildrenPerNode)) != nil {
            var previous: Int32 = -1
            forEachEntry(inChunk: k) { feature, child, _ in
                if feature != previous {
                    features.append(feature)
                    pointers.append(pointers.last!)
                    previous = feature
                }
                children.append(UInt16(child))
                pointers[pointers.count - 1] += 1
            }
        }
        return (features, pointers, children)
    }

    /// Checks that the level fits the tree level: its chunk count and directory, and (for a
    /// level built in memory) every chunk; a mapped level's chunks are checked on first use.
    func validate(tree: LabelTree, level: Int) -> String? {
        if let problem = Self.capacityProblem(tree: tree, level: level) { return problem }
        let parents = tree.nodeCount(atLevel: level - 1)
        guard parentCount == parents else { return "has \(parentCount) chunks, tree level has \(parents) parents" }
        if let problem = image.directoryProblem() { return problem }
        guard image.path == nil else { return nil }
        do { try checkAllChunks(tree: tree, level: level) } catch let XRLinearError.invalidModelFile(_, message) {
            return message
        } catch { return "\(error)" }
        return nil
    }

    /// Levels are equal when their dimension and arrays are (the images' bytes after the header,
    /// which are a function of the arrays).
    public static func == (a: LevelWeights, b: LevelWeights) -> Bool {
        let x = a.image.bytes, y = b.image.bytes, skip = WeightImage.headerBytes
        return a.dimension == b.dimension && a.image.layout == b.image.layout
            && a.image.inputProblem == b.image.inputProblem
            && memcmp(x.baseAddress! + skip, y.baseAddress! + skip, x.count - skip) == 0
    }
}
