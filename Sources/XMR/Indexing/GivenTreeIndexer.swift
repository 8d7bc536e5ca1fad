import Foundation

/// A given label hierarchy (`--label-tree FILE`, see `LabelTreeFile`) as the label tree.
///
/// Every group of the file becomes a node. A group holding more than `maxLeafSize` labels is
/// split below its node by the configured clustering (balanced spherical or Euclidean 2-means
/// over those labels' vectors). A group holding labels and subgroups puts its own labels in
/// one extra child group. Groups whose labels sit higher than the deepest ones get single-child
/// nodes down to the label level, since every label of a `LabelTree` is at the same depth.
public struct GivenTreeIndexer: LabelIndexer {
    /// The hierarchy file.
    public var path: String
    /// Splits groups that are too wide.
    public var splitter: HierarchicalClustering

    /// The indexer reading `path`, splitting wide groups with `splitter`'s clustering.
    public init(path: String, settings: IndexerSettings, splitter: any LabelIndexer) {
        self.path = path
        let spherical = (splitter as? BalancedKMeansIndexer)?.clustering.spherical ?? true
        let seed = (splitter as? BalancedKMeansIndexer)?.clustering.seed ?? 0
        let threads = (splitter as? BalancedKMeansIndexer)?.clustering.threads ?? 0
        self.splitter = HierarchicalClustering(branching: settings.branching, maxLeafSize: settings.maxLeafSize,
                                               depth: nil, seed: seed, threads: threads,
                                               maxIterations: settings.maxIterations, spherical: spherical)
    }

    /// "label-tree".
    public var name: String { "label-tree" }

    /// A group of the hierarchy while the tree is built.
    private final class Group {
        var children: [Group] = []
        var childByName: [String: Group] = [:]
        var labels: [Int] = []
    }

    /// Reads the file and builds the tree.
    public func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree {
        let file = try LabelTreeFile.read(URL(fileURLWithPath: path), labelCount: labelVectors.rows)
        let root = Group()
        for (label, levels) in file.paths.enumerated() {
            var group = root
            for name in levels {
                if let next = group.childByName[name] {
                    group = next
                } else {
                    let next = Group()
                    group.childByName[name] = next
                    group.children.append(next)
                    group = next
                }
            }
            group.labels.append(label)
        }
        try split(root, labelVectors: labelVectors, context: context)
        return try Self.tree(root, labelCount: labelVectors.rows)
    }

    /// Moves labels of mixed groups into their own child; splits leaf groups wider than the leaf size.
    private func split(_ group: Group, labelVectors: CSRMatrix, context: StageContext) throws {
        try context.checkCancellation()
        if !group.children.isEmpty && !group.labels.isEmpty {
            let own = Group()
            own.labels = group.labels
            group.labels = []
            group.children.insert(own, at: 0)
        }
        if group.children.isEmpty {
            guard group.labels.count > splitter.maxLeafSize else { return }
            let labels = group.labels
            let sub: LabelTree
            do {
                sub = try splitter.build(labelVectors: labelVectors.selectingRows(labels),
                                         isCancelled: { context.cancel?.isCancelled ?? false })
            } catch let error as IndexingError {
                throw error.asTrainingError
            }
            group.labels = []
            // Level by level, sub-tree nodes become groups under this one.
            var nodes = [group]
            for t in 1..<sub.depth {
                var next: [Group] = []
                for parent in sub.parents[t - 1] {
                    let child = Group()
                    nodes[Int(parent)].children.append(child)
                    next.append(child)
                }
                nodes = next
            }
            for (local, parent) in sub.parents[sub.depth - 1].enumerated() {
                nodes[Int(parent)].labels.append(labels[local])
            }
            return
        }
        for child in group.children { try split(child, labelVectors: labelVectors, context: context) }
    }

    /// The `LabelTree` of the groups: labels at one depth below the deepest group.
    private static func tree(_ root: Group, labelCount: Int) throws -> LabelTree {
        func depth(_ g: Group) -> Int { g.children.isEmpty ? 0 : 1 + g.children.map(depth).max()! }
        let clusterDepth = depth(root)
        var parents: [[Int32]] = []
        var level: [Group] = [root]
        var labelParent = [Int32](repeating: -1, count: labelCount)
        for t in 0...clusterDepth {
            if t == clusterDepth {
                for (k, g) in level.enumerated() {
                    for label in g.labels { labelParent[label] = Int32(k) }
                }
                break
            }
            var next: [Group] = []
            var up: [Int32] = []
            for (k, g) in level.enumerated() {
                if g.children.isEmpty {
                    // A leaf group above the deepest level: one pass-through child keeps its labels.
                    let pass = Group()
                    pass.labels = g.labels
                    g.children = [pass]
                }
                guard g.children.count <= LevelWeights.maxChildrenPerNode else {
                    throw XRLinearError.invalidInput("a group of the label tree has \(g.children.count) subgroups; a model stores at most \(LevelWeights.maxChildrenPerNode) children per node")
                }
                for child in g.children {
                    next.append(child)
                    up.append(Int32(k))
                }
            }
            parents.append(up)
            level = next
        }
        if let big = level.first(where: { $0.labels.count > LevelWeights.maxChildrenPerNode }) {
            throw XRLinearError.invalidInput("a group of the label tree has \(big.labels.count) labels; a model stores at most \(LevelWeights.maxChildrenPerNode) children per node")
        }
        parents.append(labelParent)
        return LabelTree(parents: parents)
    }
}
