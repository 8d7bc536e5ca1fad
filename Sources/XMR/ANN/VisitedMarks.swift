import CVectorKernels

/// Which nodes one search has visited: a stamp per node, so starting a new search is O(1).
///
/// The owner calls `deallocate()` once.
struct VisitedMarks {
    private let stamps: UnsafeMutablePointer<UInt16>
    private let count: Int
    private var current: UInt16 = 0

    /// Marks for `count` nodes, none visited.
    init(count: Int) {
        self.count = max(1, count)
        stamps = .allocate(capacity: self.count)
        stamps.initialize(repeating: 0, count: self.count)
    }

    /// Frees the storage.
    func deallocate() { stamps.deallocate() }

    /// Forgets every visit (clears the stamps only once every 65,535 searches).
    @inline(__always)
    mutating func reset() {
        if current == UInt16.max {
            stamps.update(repeating: 0, count: count)
            current = 0
        }
        current += 1
    }

    /// Starts fetching `node`'s stamp (a hint).
    @inline(__always)
    func prefetch(_ node: UInt32) { xmr_prefetch(stamps + Int(node)) }

    /// Marks `node` visited and says whether it already was.
    @inline(__always)
    func visit(_ node: UInt32) -> Bool {
        let i = Int(node)
        if stamps[i] == current { return true }
        stamps[i] = current
        return false
    }
}
