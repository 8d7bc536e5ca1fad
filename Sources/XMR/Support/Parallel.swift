import Foundation

/// Runs `body(worker)` for `workers` workers in parallel; worker `w` should take items
/// `w, w + workers, ...` so that the split of work never changes what an item computes.
func runParallel(workers: Int, _ body: @Sendable (Int) -> Void) {
    if workers <= 1 {
        body(0)
    } else {
        DispatchQueue.concurrentPerform(iterations: workers, execute: body)
    }
}

/// The most worker threads any stage starts (the pipeline table's `threads` range ends here too).
public let maximumThreadCount = 1024

/// The number of worker threads to use for `requested` (0 or less means every active core),
/// never more than `maximumThreadCount`.
func resolvedThreadCount(_ requested: Int) -> Int {
    requested > 0 ? min(requested, maximumThreadCount) : max(1, ProcessInfo.processInfo.activeProcessorCount)
}
