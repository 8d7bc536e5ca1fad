import XMR

/// Groups labels by their facet (the `facet` of a debtags `facet::tag` name), then splits every
/// facet with more than `maxLeafSize` labels by balanced Euclidean k-means over its labels' vectors.
///
/// The tree has two cluster levels: facets, then each facet's leaf clusters (a small facet is
/// one leaf), then the labels.
struct FacetIndexer: LabelIndexer {
    /// Most labels per leaf cluster.
    var maxLeafSize = 32
    /// Seed of the k-means splits.
    var seed: UInt64 = 0

    /// Recorded in `model.json` as the custom indexer.
    var name: String { "facets" }

    func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree {
        guard let names = input.labelNames else {
            throw XRLinearError.invalidInput("the facet indexer needs label names (label_names.txt)")
        }
        // Level 1: one node per facet, in order of first appearance.
        var facetIndex: [String: Int32] = [:]
        var members: [[Int]] = []
        for (label, name) in names.enumerated() {
            let facet = name.components(separatedBy: "::").first ?? name
            let id = facetIndex[facet] ?? {
                let id = Int32(members.count)
                facetIndex[facet] = id
                members.append([])
                return id
            }()
            members[Int(id)].append(label)
        }
        // Level 2: each facet's leaf clusters.
        var leafParents: [Int32] = []
        var leafOf = [Int32](repeating: 0, count: names.count)
        for (facet, labels) in members.enumerated() {
            try context.checkCancellation()
            guard labels.count > maxLeafSize else {
                for label in labels { leafOf[label] = Int32(leafParents.count) }
                leafParents.append(Int32(facet))
                continue
            }
            let clustering = HierarchicalClustering(branching: 2, maxLeafSize: maxLeafSize, seed: seed,
                                                    threads: context.threads, spherical: false)
            let sub = try clustering.build(labelVectors: labelVectors.selectingRows(labels))
            let leaves = sub.ancestors(atLevel: sub.depth - 1)
            let first = Int32(leafParents.count)
            for _ in 0..<sub.nodeCount(atLevel: sub.depth - 1) { leafParents.append(Int32(facet)) }
            for (local, label) in labels.enumerated() { leafOf[label] = first + leaves[local] }
        }
        return LabelTree(parents: [[Int32](repeating: 0, count: members.count), leafParents, leafOf])
    }
}
