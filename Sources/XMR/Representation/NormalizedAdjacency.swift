/// The normalized adjacency `S = D^-½ A D^-½` of a label graph's labels with edges, as an operator
/// on dense blocks of vectors.
struct NormalizedAdjacency: Sendable {
    /// The labels with at least one edge, ascending; row r of `matrix` is label `labels[r]`.
    let labels: [Int]
    /// S restricted to those labels (square, CSR).
    let matrix: CSRMatrix

    /// The operator of `graph`.
    init(_ graph: LabelGraph) {
        let degrees = graph.degrees()
        labels = (0..<graph.labelCount).filter { degrees[$0] > 0 }
        var position = [Int32](repeating: -1, count: graph.labelCount)
        for (r, label) in labels.enumerated() { position[label] = Int32(r) }
        let a = graph.adjacency
        var pointers = [0], indices: [Int32] = [], values: [Float] = []
        indices.reserveCapacity(a.nonzeros)
        values.reserveCapacity(a.nonzeros)
        for label in labels {
            for p in a.range(ofRow: label) {
                let j = Int(a.columnIndices[p])
                indices.append(position[j])
                values.append(Float(Double(a.values[p]) / (degrees[label] * degrees[j]).squareRoot()))
            }
            pointers.append(indices.count)
        }
        matrix = CSRMatrix(rows: labels.count, cols: labels.count, rowPointers: pointers, columnIndices: indices, values: values)
    }

    /// Number of labels with edges (the operator's size).
    var size: Int { labels.count }

    /// `out = shift · x + S · x` for a row-major block `x` of `size × width` values, on `threads` threads.
    func apply(_ x: [Float], width: Int, shift: Float, threads: Int) -> [Float] {
        let out = ResultSlots<Float>(count: size * width, initial: 0)
        let workers = max(1, min(resolvedThreadCount(threads), size / 64 + 1))
        let matrix = matrix
        let n = size
        x.withUnsafeBufferPointer { xs in
            let input = UnsafeSendablePointer(xs.nonNullBaseAddress)
            runParallel(workers: workers) { w in
                let rows = (n * w / workers)..<(n * (w + 1) / workers)
                matrix.rowPointers.withUnsafeBufferPointer { rp in
                    matrix.columnIndices.withUnsafeBufferPointer { ci in
                        matrix.values.withUnsafeBufferPointer { v in
                            Self.multiplyRows(rows, rp.nonNullBaseAddress, ci.nonNullBaseAddress, v.nonNullBaseAddress,
                                              input.pointer, out.pointer, width, shift)
                        }
                    }
                }
            }
        }
        return out.array()
    }

    /// Rows `rows` of `shift · x + S · x`: one axpy of a block row per stored entry.
    private static func multiplyRows(_ rows: Range<Int>, _ rp: UnsafePointer<Int>, _ ci: UnsafePointer<Int32>,
                                     _ v: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                                     _ out: UnsafeMutablePointer<Float>, _ width: Int, _ shift: Float) {
        for i in rows {
            let target = out + i * width
            let own = x + i * width
            for c in 0..<width { target[c] = shift * own[c] }
            for p in rp[i]..<rp[i + 1] {
                let a = v[p]
                let source = x + Int(ci[p]) * width
                for c in 0..<width { target[c] += a * source[c] }
            }
        }
    }
}

/// A read-only pointer handed to parallel workers (the buffer outlives them).
struct UnsafeSendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafePointer<Element>
    init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }
}
