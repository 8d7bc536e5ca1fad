import Synchronization

/// One result handed from a worker thread to the UI loop: the worker puts it, the loop takes it
/// on its next tick.
@available(macOS 15.0, *)
final class WorkerSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// An empty slot.
    init() {}

    /// Stores `result` (replacing one not taken yet).
    func put(_ result: Value) { value.withLock { $0 = result } }

    /// The stored result, if any, leaving the slot empty.
    func take() -> Value? { value.withLock { stored in defer { stored = nil }; return stored } }
}
