/// A binary min-heap of (score, node) pairs on manually managed memory: the candidate and
/// result queues of the graph search.
///
/// The smallest score is on top. The search keeps its results in one (the worst result on top)
/// and its candidates in another with negated scores (the best candidate on top). The owner
/// calls `deallocate()` once.
struct ScoreHeap {
    private(set) var scores: UnsafeMutablePointer<Float>
    private(set) var nodes: UnsafeMutablePointer<UInt32>
    private(set) var capacity: Int
    /// Number of pairs in the heap.
    private(set) var count = 0

    /// An empty heap with room for `capacity` pairs (it grows when needed).
    init(capacity: Int) {
        self.capacity = max(16, capacity)
        scores = .allocate(capacity: self.capacity)
        nodes = .allocate(capacity: self.capacity)
    }

    /// Frees the storage.
    func deallocate() {
        scores.deallocate()
        nodes.deallocate()
    }

    /// Whether the heap is empty.
    @inline(__always) var isEmpty: Bool { count == 0 }
    /// The smallest score (the heap must not be empty).
    @inline(__always) var topScore: Float { scores[0] }
    /// The node with the smallest score (the heap must not be empty).
    @inline(__always) var topNode: UInt32 { nodes[0] }

    /// Empties the heap, keeping its storage.
    @inline(__always) mutating func removeAll() { count = 0 }

    /// Adds a pair.
    @inline(__always)
    mutating func push(_ score: Float, _ node: UInt32) {
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            let ps = scores[parent]
            if ps < score || (ps == score && nodes[parent] < node) { break }
            scores[i] = ps
            nodes[i] = nodes[parent]
            i = parent
        }
        scores[i] = score
        nodes[i] = node
    }

    /// Removes the top pair (the heap must not be empty).
    @inline(__always)
    mutating func pop() {
        count -= 1
        guard count > 0 else { return }
        let score = scores[count], node = nodes[count]
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= count { break }
            let right = child + 1
            if right < count && (scores[right] < scores[child]
                                 || (scores[right] == scores[child] && nodes[right] < nodes[child])) {
                child = right
            }
            let cs = scores[child]
            if score < cs || (score == cs && node < nodes[child]) { break }
            scores[i] = cs
            nodes[i] = nodes[child]
            i = child
        }
        scores[i] = score
        nodes[i] = node
    }

    private mutating func grow() {
        let bigger = capacity * 2
        let newScores = UnsafeMutablePointer<Float>.allocate(capacity: bigger)
        let newNodes = UnsafeMutablePointer<UInt32>.allocate(capacity: bigger)
        newScores.update(from: scores, count: count)
        newNodes.update(from: nodes, count: count)
        deallocate()
        scores = newScores
        nodes = newNodes
        capacity = bigger
    }
}
