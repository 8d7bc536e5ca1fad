import Foundation

/// Node summaries already computed, shared by copies of a `TreeOverview`.
///
/// `@unchecked Sendable` is safe: the dictionary is only touched while holding `lock`.
final class SummaryCache: @unchecked Sendable {
    /// What a summary depends on.
    struct Key: Hashable {
        let level: Int
        let node: Int
        let labelLimit: Int
        let featureLimit: Int
    }

    private let lock = NSLock()
    private var summaries: [Key: TreeOverview.NodeSummary] = [:]

    /// The cached summary for `key`, if any.
    func value(for key: Key) -> TreeOverview.NodeSummary? {
        lock.lock()
        defer { lock.unlock() }
        return summaries[key]
    }

    /// Remembers a summary.
    func store(_ summary: TreeOverview.NodeSummary, for key: Key) {
        lock.lock()
        summaries[key] = summary
        lock.unlock()
    }
}
