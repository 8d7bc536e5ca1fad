/// A flat, owned, zero-initialized float buffer: an encoder's weights, their gradients, or an
/// optimizer's moments, all laid out by one `EncoderParameterLayout` (or a head's layout).
///
/// `@unchecked Sendable`: a training step has one writer at a time (workers write their own
/// gradient buffers; the optimizer runs alone between steps).
final class FlatParameters: @unchecked Sendable {
    /// The values.
    let pointer: UnsafeMutablePointer<Float>
    /// How many there are.
    let count: Int

    /// `count` zeros.
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
    }

    /// A copy of `values`.
    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        pointer.update(from: values, count: values.count)
    }

    deinit { pointer.deallocate() }

    /// The values as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// The values copied into an array.
    var array: [Float] { Array(buffer) }

    /// Sets every value to zero.
    func zero() { pointer.update(repeating: 0, count: count) }

    /// A copy of this buffer.
    func copy() -> FlatParameters {
        let result = FlatParameters(count: count)
        result.pointer.update(from: pointer, count: count)
        return result
    }
}
