import XMR

/// The JSON shape of `xmr tree --json`: the label tree down to the depth limit, each node with
/// its size, most frequent labels and top features; leaves (the last level) are labels.
struct TreeReport: Encodable {
    /// A label with its training frequency.
    struct Label: Encodable {
        var label: Int
        var name: String?
        var points: Int?
    }

    /// A feature with its weight in the node's ranker.
    struct Feature: Encodable {
        var feature: Int
        var name: String?
        var weight: Float
    }

    /// One node of the tree; at the last level a label.
    struct Node: Encodable {
        var level: Int
        var node: Int
        var labelCount: Int
        var topLabels: [Label]
        var topFeatures: [Feature]
        var children: [Node]?
    }

    var labels: Int
    var depth: Int
    var nodesPerLevel: [Int]
    var nodes: [Node]

    /// The report of `model`'s tree down to level `limit`.
    init(model: XRLinearModel, limit: Int, topLabels: Int, featureNames: [String]?, topFeatures: Int) {
        labels = model.labelCount
        depth = model.depth
        nodesPerLevel = (0...model.depth).map { model.tree.nodeCount(atLevel: $0) }
        func label(_ id: Int) -> Label {
            Label(label: id, name: model.labelNames?[id], points: model.labelFrequencies?[id])
        }
        func node(_ id: Int, _ level: Int) -> Node {
            let under = model.tree.labels(underNode: id, atLevel: level)
            let frequencies = model.labelFrequencies
            let top = under.sorted { a, b in
                let fa = frequencies?[a] ?? 0, fb = frequencies?[b] ?? 0
                return fa != fb ? fa > fb : a < b
            }.prefix(topLabels)
            let features = topFeatures > 0
                ? model.topFeatures(ofNode: id, atLevel: level, count: topFeatures).map { top in
                    Feature(feature: top.feature,
                            name: featureNames.flatMap { top.feature < $0.count ? $0[top.feature] : nil }, weight: top.weight)
                }
                : []
            let children = level < limit
                ? model.tree.children(ofNode: id, atLevel: level).map { node(Int($0), level + 1) }
                : nil
            return Node(level: level, node: id, labelCount: under.count, topLabels: top.map(label), topFeatures: features,
                        children: children)
        }
        nodes = model.tree.children(ofNode: 0, atLevel: 0).map { node(Int($0), 1) }
    }
}
