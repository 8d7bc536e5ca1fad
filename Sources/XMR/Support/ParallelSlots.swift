import Foundation

/// Fixed slots that parallel workers fill, one slot per work item, then read back in order.
///
/// Safe as `@unchecked Sendable` because every `concurrentPerform` iteration writes only the slot
/// with its own index, and the slots are read only after `concurrentPerform` has returned.
final class ParallelSlots<Element>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Element?>

    /// `count` empty slots.
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// Stores the result of work item `index`.
    func set(_ index: Int, _ value: Element) { storage[index] = value }

    /// The stored results in slot order; every slot must be filled.
    func values() -> [Element] { storage.map { $0! } }
}

/// Runs `body(worker)` for `workers` workers in parallel; worker `w` should take items
/// `w, w + workers, ...` so that the split of work never changes what an item computes.
func runParallel(workers: Int, _ body: @Sendable (Int) -> Void) {
    if workers <= 1 {
        body(0)
    } else {
        DispatchQueue.concurrentPerform(iterations: workers, execute: body)
    }
}

/// The number of worker threads to use for `requested` (0 or less means every active core).
func resolvedThreadCount(_ requested: Int) -> Int {
    requested > 0 ? requested : max(1, ProcessInfo.processInfo.activeProcessorCount)
}
