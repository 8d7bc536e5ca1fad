import Foundation
import XMR

/// A label tree together with what the Tree screen needs to describe its nodes: label names,
/// label frequencies, and per-label feature sums for each node's top features.
public struct TreeOverview: Sendable {
    /// A node's summary for the details pane.
    public struct NodeSummary: Sendable {
        /// Labels under the node.
        public var size: Int
        /// Label occurrences under the node: the sum of its labels' training frequencies.
        public var occurrences: Int
        /// The node's most frequent labels: (name, training frequency), best first.
        public var topLabels: [(name: String, frequency: Int)]
        /// The node's characteristic features, best first: name, share of the node's feature mass,
        /// and lift (that share over the feature's share in the whole dataset). For the root, where
        /// every lift is 1, the heaviest features by share.
        public var topFeatures: [(name: String, share: Double, lift: Double)]
        /// The largest positive weights of the node's own ranker (the words that pull a query
        /// towards it), best first; empty for the root or without a model.
        public var rankerFeatures: [(name: String, weight: Float)]
    }

    /// Gives a node's ranker features: (node, level, count) → (name, weight), best first.
    public typealias RankerFeatures = @Sendable (_ node: Int, _ level: Int, _ count: Int) -> [(name: String, weight: Float)]

    /// The tree.
    public let tree: LabelTree
    /// Label names (index = label id).
    public let labelNames: [String]
    /// Training points per label.
    public let labelFrequencies: [Int]
    /// Feature names, when the dataset has them.
    public let featureNames: [String]?
    /// Labels × features: the sum of the (l2-normalized) feature rows of each label's points.
    public let labelFeatureSums: CSRMatrix?
    /// Each feature's mass over all labels, and its total, for the lift of a node's features.
    private let globalMass: [Double]
    private let globalTotal: Double
    /// Where ranker features come from, when the tree belongs to a trained model.
    private let rankerFeatureSource: RankerFeatures?
    /// Summaries already computed.
    private let cache = SummaryCache()
    /// Labels under each node, per level (computed once; levels are small).
    private let labelsUnder: [[[Int]]]

    /// Builds the overview of `tree` for `dataset` (feature sums come from its training split).
    public init(tree: LabelTree, dataset: Dataset, labelFrequencies: [Int], rankerFeatures: RankerFeatures? = nil) {
        self.tree = tree
        self.rankerFeatureSource = rankerFeatures
        self.labelNames = (0..<dataset.labelCount).map { dataset.labelName($0) }
        self.labelFrequencies = labelFrequencies
        self.featureNames = dataset.featureNames
        if let features = dataset.train.features {
            labelFeatureSums = dataset.train.labels.transposeMultiplied(by: features.l2NormalizedRows())
        } else {
            labelFeatureSums = nil
        }
        var mass = [Double](repeating: 0, count: labelFeatureSums?.cols ?? 0)
        if let sums = labelFeatureSums {
            for (k, column) in sums.columnIndices.enumerated() { mass[Int(column)] += Double(sums.values[k]) }
        }
        globalMass = mass
        globalTotal = mass.reduce(0, +)
        var perLevel: [[[Int]]] = []
        // Bottom-up: the last level's node i holds label i; parents collect their children's labels.
        var current: [[Int]] = (0..<tree.labelCount).map { [$0] }
        perLevel.append(current)
        for t in stride(from: tree.depth, through: 1, by: -1) {
            var up = [[Int]](repeating: [], count: tree.nodeCount(atLevel: t - 1))
            for (i, parent) in tree.parents[t - 1].enumerated() { up[Int(parent)].append(contentsOf: current[i]) }
            current = up.map { $0.sorted() }
            perLevel.append(current)
        }
        labelsUnder = perLevel.reversed()
    }

    /// The labels under node `node` at `level`, ascending.
    public func labels(underNode node: Int, atLevel level: Int) -> [Int] {
        guard level >= 0, level < labelsUnder.count, node >= 0, node < labelsUnder[level].count else { return [] }
        return labelsUnder[level][node]
    }

    /// The name shown for a node: the label name at the last level, else its most frequent label.
    public func name(ofNode node: Int, atLevel level: Int) -> String {
        if level == tree.depth { return node < labelNames.count ? labelNames[node] : "#\(node)" }
        let labels = labels(underNode: node, atLevel: level)
        guard let top = labels.max(by: { (labelFrequencies[$0], -$0) < (labelFrequencies[$1], -$1) }) else { return "empty" }
        return labelNames[top]
    }

    /// The summary of node `node` at `level` (computed once per node and list lengths, then cached:
    /// the screen asks for it on every frame).
    public func summary(ofNode node: Int, atLevel level: Int, labelLimit: Int = 8, featureLimit: Int = 8) -> NodeSummary {
        let key = SummaryCache.Key(level: level, node: node, labelLimit: labelLimit, featureLimit: featureLimit)
        if let cached = cache.value(for: key) { return cached }
        let summary = computeSummary(ofNode: node, atLevel: level, labelLimit: labelLimit, featureLimit: featureLimit)
        cache.store(summary, for: key)
        return summary
    }

    /// Computes a node's summary.
    private func computeSummary(ofNode node: Int, atLevel level: Int, labelLimit: Int, featureLimit: Int) -> NodeSummary {
        let labels = labels(underNode: node, atLevel: level)
        let ranked = labels.sorted { (labelFrequencies[$0], -$0) > (labelFrequencies[$1], -$1) }
        let topLabels = ranked.prefix(labelLimit).map { (name: labelNames[$0], frequency: labelFrequencies[$0]) }
        var topFeatures: [(name: String, share: Double, lift: Double)] = []
        if let sums = labelFeatureSums {
            var mass: [Int32: Double] = [:]
            var total = 0.0
            for label in labels where label < sums.rows {
                for k in sums.range(ofRow: label) {
                    mass[sums.columnIndices[k], default: 0] += Double(sums.values[k])
                    total += Double(sums.values[k])
                }
            }
            // Rank by share × log(lift): frequent in the node and rarer elsewhere, so stop words,
            // heavy everywhere, do not crowd out what the node is about.
            let distinctive = labels.count < tree.labelCount && total > 0 && globalTotal > 0
            let scored = mass.map { entry -> (id: Int32, share: Double, lift: Double, score: Double) in
                let share = entry.value / total
                let global = globalMass[Int(entry.key)] / globalTotal
                let lift = global > 0 ? share / global : 1
                return (entry.key, share, lift, distinctive ? share * log(max(lift, 1e-12)) : share)
            }
            let best = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(featureLimit)
            topFeatures = best.map { entry in
                let id = Int(entry.id)
                let name = featureNames.flatMap { id < $0.count ? $0[id] : nil } ?? "f\(id)"
                return (name: name, share: entry.share, lift: entry.lift)
            }
        }
        return NodeSummary(size: labels.count, occurrences: labels.map { labelFrequencies[$0] }.reduce(0, +),
                           topLabels: topLabels, topFeatures: topFeatures,
                           rankerFeatures: level >= 1 ? rankerFeatureSource?(node, level, featureLimit) ?? [] : [])
    }
}
