/// A sparse vector of `Float` with sorted, unique 32-bit indices.
public struct SparseVector: Sendable, Equatable {
    /// The vector's dimension.
    public var dimension: Int
    /// Indices of the stored entries, ascending.
    public var indices: [Int32]
    /// Values of the stored entries.
    public var values: [Float]

    /// Creates a vector from sorted unique indices and their values.
    public init(dimension: Int, indices: [Int32], values: [Float]) {
        precondition(indices.count == values.count, "indices and values must match")
        self.dimension = dimension
        self.indices = indices
        self.values = values
    }

    /// Number of stored entries.
    public var nonzeros: Int { indices.count }

    /// The l2 norm.
    public var norm: Float {
        var s: Float = 0
        for v in values { s += v * v }
        return s.squareRoot()
    }

    /// A copy scaled to unit l2 norm (a zero vector stays zero).
    public func l2Normalized() -> SparseVector {
        let n = norm
        guard n > 0 else { return self }
        return SparseVector(dimension: dimension, indices: indices, values: values.map { $0 / n })
    }

    /// The dot product with a dense vector.
    public func dot(_ dense: [Float]) -> Float {
        var s: Float = 0
        for (i, v) in zip(indices, values) { s += v * dense[Int(i)] }
        return s
    }
}
