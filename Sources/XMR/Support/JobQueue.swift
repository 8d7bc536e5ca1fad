import Synchronization

/// Hands out the job numbers `0..<count` to parallel workers, each exactly once, in increasing
/// order (dynamic scheduling): `while let job = queue.next() { … }`.
final class JobQueue: Sendable {
    private let counter = Atomic<Int>(0)
    /// Number of jobs.
    let count: Int

    /// A queue of `count` jobs.
    init(count: Int) { self.count = count }

    /// The next job not handed out yet, or nil when all are.
    @inline(__always)
    func next() -> Int? {
        let job = counter.add(1, ordering: .relaxed).oldValue
        return job < count ? job : nil
    }
}
