/// A dense vector that remembers which entries it touched, so it can be cleared cheaply.
///
/// Each entry keeps its value and the "generation" in which it was last touched side by side, so
/// adding a sparse row costs one cache miss per nonzero (not one for the value and one for a
/// separate touched flag), and clearing only starts a new generation.
struct DenseAccumulator {
    private struct Slot {
        var value: Float
        var generation: UInt32
    }

    private var slots: [Slot]
    private var generation: UInt32 = 1
    /// The touched entries, in the order they were first touched since the last `clear`.
    private(set) var touched: [Int32] = []

    /// A zero vector of the given dimension.
    init(dimension: Int) {
        slots = [Slot](repeating: Slot(value: 0, generation: 0), count: dimension)
    }

    /// Resets the vector to zero.
    mutating func clear() {
        touched.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            // After 2^32 clears: forget every old generation once.
            for j in slots.indices { slots[j].generation = 0 }
            generation = 1
        }
    }

    /// Adds sparse row `i` of `rows`.
    mutating func add(row i: Int, of rows: SparseRowsView) {
        let start = rows.rowPointers[i], end = rows.rowPointers[i + 1]
        let current = generation
        slots.withUnsafeMutableBufferPointer { s in
            for p in start..<end {
                let j = Int(rows.columnIndices[p])
                if s[j].generation != current {
                    s[j] = Slot(value: 0, generation: current)
                    touched.append(Int32(j))
                }
                s[j].value += rows.values[p]
            }
        }
    }

    /// 1 / ‖self‖₂, or 0 for the zero vector.
    func inverseNorm() -> Float {
        var sum: Float = 0
        slots.withUnsafeBufferPointer { s in
            for j in touched { sum += s[Int(j)].value * s[Int(j)].value }
        }
        return sum > 0 ? 1 / sum.squareRoot() : 0
    }

    /// Calls `body(j, value)` for every touched entry, in first-touch order.
    @inline(__always)
    func forEachTouched(_ body: (Int, Float) -> Void) {
        slots.withUnsafeBufferPointer { s in
            for j in touched { body(Int(j), s[Int(j)].value) }
        }
    }
}
