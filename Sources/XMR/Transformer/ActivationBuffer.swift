/// A growable float buffer for one batch's activations, reused from batch to batch.
final class ActivationBuffer {
    /// The values (at least `count` of them are allocated).
    private(set) var pointer: UnsafeMutablePointer<Float>
    /// How many values the current batch uses.
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer.
    init() {
        capacity = 1
        pointer = .allocate(capacity: 1)
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` values; the previous contents are lost when it grows.
    func resize(_ count: Int) {
        if count > capacity {
            pointer.deallocate()
            capacity = max(count, capacity * 3 / 2)
            pointer = .allocate(capacity: capacity)
        }
        self.count = count
    }

    /// The values in use, as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
