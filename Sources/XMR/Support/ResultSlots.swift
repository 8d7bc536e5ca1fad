/// Fixed-size storage that parallel workers fill, each slot written by exactly one worker, then
/// read back in order: the one "slot per work item" type of the engine.
///
/// `@unchecked Sendable` is sound: every index is written by one worker only, through a pointer
/// fixed before the workers start, and the slots are read after all workers have finished
/// (`concurrentPerform` returns only then).
final class ResultSlots<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// `count` slots holding `initial`.
    init(count: Int, initial: Element) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: initial, count: count)
    }

    /// The slots in order.
    func array() -> [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

extension ResultSlots {
    /// `count` empty slots, for results that are set once each.
    convenience init<Value>(emptyCount count: Int) where Element == Value? {
        self.init(count: count, initial: nil)
    }

    /// Stores the result of work item `i`.
    func set<Value>(_ i: Int, _ value: Value) where Element == Value? { pointer[i] = value }

    /// Moves out the result of work item `i` (nil when unset or out of range).
    func take<Value>(_ i: Int) -> Value? where Element == Value? {
        guard i >= 0, i < count else { return nil }
        let value = pointer[i]
        pointer[i] = nil
        return value
    }

    /// The stored results in slot order; every slot must be filled.
    func values<Value>() -> [Value] where Element == Value? { array().map { $0! } }
}
