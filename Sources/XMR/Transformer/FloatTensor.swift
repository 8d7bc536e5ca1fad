/// A read-only float32 tensor: either a view into a memory-mapped file or an owned conversion.
///
/// `@unchecked Sendable`: the values never change, and `owner` keeps their memory alive.
struct FloatTensor: @unchecked Sendable {
    /// The shape, outermost first.
    let shape: [Int]
    /// The first value; `count` values follow, row-major.
    let base: UnsafePointer<Float>
    /// Keeps the memory behind `base` alive (the mapping or an owned buffer).
    private let owner: AnyObject

    /// Number of values.
    var count: Int { shape.reduce(1, *) }

    /// A view of `count` floats at `base`, kept alive by `owner`.
    init(shape: [Int], base: UnsafePointer<Float>, owner: AnyObject) {
        self.shape = shape
        self.base = base
        self.owner = owner
    }

    /// A tensor owning a copy of `values`.
    init(shape: [Int], values: [Float]) {
        let storage = OwnedFloats(values)
        self.init(shape: shape, base: UnsafePointer(storage.pointer), owner: storage)
    }

    /// The values as a buffer.
    var buffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: base, count: count) }
}

/// Heap storage for a converted tensor.
final class OwnedFloats {
    /// The values.
    let pointer: UnsafeMutablePointer<Float>

    /// A copy of `values`.
    init(_ values: [Float]) {
        pointer = .allocate(capacity: max(1, values.count))
        pointer.initialize(from: values, count: values.count)
    }

    deinit { pointer.deallocate() }
}
