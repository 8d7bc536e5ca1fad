/// Groups of labels built from a k-nearest-neighbour graph: the connected components of its
/// mutual edges, then split and merged to a size range (the `hnsw-graph` indexer's groups).
///
/// Every operation visits groups and labels in a fixed order, so the result depends only on
/// the neighbour lists.
struct NeighborGroups {
    /// The labels of every group, ascending.
    private(set) var members: [[Int]]
    /// Each label's nearest other labels, best first.
    let neighbors: [[Int32]]

    /// The connected components of the mutual-kNN graph of `neighbors`; labels marked `empty`
    /// (no vector) get no edges and form one group of their own.
    init(neighbors: [[Int32]], empty: [Bool]) {
        self.neighbors = neighbors
        let n = neighbors.count
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        let lists = neighbors.map { Set($0) }
        for i in 0..<n where !empty[i] {
            for j in neighbors[i] where Int(j) > i && !empty[Int(j)] && lists[Int(j)].contains(Int32(i)) {
                let a = find(i), b = find(Int(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var members: [[Int]] = []
        var emptyLabels: [Int] = []
        for i in 0..<n {
            if empty[i] {
                emptyLabels.append(i)
                continue
            }
            let root = find(i)
            if let g = groupOfRoot[root] {
                members[g].append(i)
            } else {
                groupOfRoot[root] = members.count
                members.append([i])
            }
        }
        if !emptyLabels.isEmpty { members.append(emptyLabels) }
        self.members = members
    }

    /// Number of groups.
    var count: Int { members.count }

    /// Splits every group of more than `maxSize` labels by `leafCodes` (a part per code).
    mutating func split(largerThan maxSize: Int, leafCodes: ([Int]) throws -> [Int32]) rethrows {
        var result: [[Int]] = []
        for group in members {
            guard group.count > maxSize else {
                result.append(group)
                continue
            }
            let codes = try leafCodes(group)
            var parts: [Int32: [Int]] = [:]
            for (label, code) in zip(group, codes) { parts[code, default: []].append(label) }
            for code in parts.keys.sorted() { result.append(parts[code]!) }
        }
        members = result
    }

    /// Moves every group of fewer than `minSize` labels, smallest first, into the group that
    /// its labels' neighbours fall in most often, among those it fits with in `maxSize`.
    mutating func merge(smallerThan minSize: Int, maxSize: Int) {
        var owner = [Int](repeating: 0, count: neighbors.count)
        for (g, group) in members.enumerated() { for label in group { owner[label] = g } }
        let order = members.indices.filter { members[$0].count < minSize }
            .sorted { members[$0].count != members[$1].count ? members[$0].count < members[$1].count : $0 < $1 }
        for g in order where !members[g].isEmpty && members[g].count < minSize {
            var votes: [Int: Int] = [:]
            for label in members[g] {
                for j in neighbors[label] {
                    let h = owner[Int(j)]
                    if h != g && members[h].count + members[g].count <= maxSize { votes[h, default: 0] += 1 }
                }
            }
            guard let target = votes.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { continue }
            for label in members[g] { owner[label] = target }
            members[target] = (members[target] + members[g]).sorted()
            members[g] = []
        }
        members.removeAll { $0.isEmpty }
    }

    /// The group of every label.
    func owners() -> [Int32] {
        var owner = [Int32](repeating: 0, count: neighbors.count)
        for (g, group) in members.enumerated() { for label in group { owner[label] = Int32(g) } }
        return owner
    }
}
