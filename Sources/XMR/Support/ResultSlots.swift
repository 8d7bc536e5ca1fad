/// Fixed-size storage that several threads write into, each slot by exactly one thread.
final class ResultSlots<Element>: @unchecked Sendable {
    // Safe: every index is written by one worker only, and the array is read after all
    // workers have finished (concurrentPerform returns only then).
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, initial: Element) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: initial, count: count)
    }

    func array() -> [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
