/// The raw scores of one level's candidates in a batch search, in a buffer kept from level to
/// level and block to block, so that the pages are faulted in once per search instead of once
/// per level.
///
/// `@unchecked Sendable`: while a level is scored, each slot is written by one worker only (its
/// pair's children), and the buffer is read after the workers have finished; one block uses it at
/// a time.
final class CandidateScores: @unchecked Sendable {
    /// The first slot; valid until the next `zeroed(count:)`.
    private(set) var pointer: UnsafeMutablePointer<Float>
    private var capacity: Int

    /// An empty buffer.
    init() {
        capacity = 1
        pointer = .allocate(capacity: 1)
    }

    /// Makes `count` slots, all 0, and returns the buffer.
    func zeroed(count: Int) -> CandidateScores {
        if count > capacity {
            pointer.deallocate()
            capacity = max(count, capacity * 2)
            pointer = .allocate(capacity: capacity)
        }
        pointer.initialize(repeating: 0, count: count)
        return self
    }

    deinit { pointer.deallocate() }
}
