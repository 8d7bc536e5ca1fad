/// The neighbour lists of an HNSW graph, as pointers into an index image.
///
/// Each list is a slot of `capacity + 1` words: the neighbour count, then the neighbour ids.
/// Level 0 has one slot of `2 M + 1` words per node; a node of level `l > 0` also owns `l`
/// consecutive upper slots of `M + 1` words, from `upperStart[node]`. Writes happen only while
/// building, each list by one worker at a time (see `HNSWBuilder`).
struct HNSWGraph: @unchecked Sendable {
    /// Number of nodes.
    let count: Int
    /// Capacity of an upper-level list.
    let m: Int
    /// Capacity of a level-0 list.
    let maxM0: Int
    /// Each node's top level.
    let levels: UnsafeMutablePointer<UInt8>
    /// Each node's first upper slot.
    let upperStart: UnsafeMutablePointer<UInt32>
    /// The level-0 slots.
    let level0: UnsafeMutablePointer<UInt32>
    /// The upper-level slots.
    let upper: UnsafeMutablePointer<UInt32>

    /// The list of `node` at `level` (which must be at most the node's level): count, then ids.
    @inline(__always)
    func list(_ node: UInt32, level: Int) -> UnsafeMutablePointer<UInt32> {
        if level == 0 { return level0 + Int(node) * (maxM0 + 1) }
        return upper + (Int(upperStart[Int(node)]) + level - 1) * (m + 1)
    }

    /// The capacity of a list at `level`.
    @inline(__always)
    func capacity(level: Int) -> Int { level == 0 ? maxM0 : m }
}
