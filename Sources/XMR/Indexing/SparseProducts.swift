/// Sparse × sparse products for building label vectors, parallel over row blocks.
enum SparseProducts {
    /// One block of output rows in CSR pieces.
    private struct RowBlock {
        var rowLengths: [Int]
        var columnIndices: [Int32]
        var values: [Float]
    }

    /// The product `a · b` of two CSR matrices (Gustavson's algorithm), rows computed in parallel.
    ///
    /// Every output row is computed by the same sequence of operations whatever the thread count,
    /// so the result is bit-identical for any `threads`.
    static func multiply(_ a: CSRMatrix, _ b: CSRMatrix, threads: Int) -> CSRMatrix {
        precondition(a.cols == b.rows, "inner dimensions differ: \(a.cols) vs \(b.rows)")
        let workers = max(1, min(resolvedThreadCount(threads), a.rows))
        let blockCount = max(1, min(a.rows, workers * 8))
        let slots = ResultSlots<RowBlock?>(emptyCount: blockCount)
        runParallel(workers: workers) { worker in
            var accumulator = [Float](repeating: 0, count: b.cols)
            var marker = [Int32](repeating: -1, count: b.cols)
            var block = worker
            while block < blockCount {
                let start = a.rows * block / blockCount
                let end = a.rows * (block + 1) / blockCount
                slots.set(block, multiplyRows(start..<end, a, b, &accumulator, &marker))
                block += workers
            }
        }
        var rowPointers = [Int](repeating: 0, count: a.rows + 1)
        var columnIndices: [Int32] = []
        var values: [Float] = []
        var row = 0
        for block in slots.values() as [RowBlock] {
            for length in block.rowLengths {
                rowPointers[row + 1] = rowPointers[row] + length
                row += 1
            }
            columnIndices.append(contentsOf: block.columnIndices)
            values.append(contentsOf: block.values)
        }
        return CSRMatrix(rows: a.rows, cols: b.cols, rowPointers: rowPointers,
                         columnIndices: columnIndices, values: values)
    }

    /// Rows `rows` of `a · b`, with a dense accumulator and a row marker reused across rows.
    private static func multiplyRows(_ rows: Range<Int>, _ a: CSRMatrix, _ b: CSRMatrix,
                                     _ accumulator: inout [Float], _ marker: inout [Int32]) -> RowBlock {
        var block = RowBlock(rowLengths: [], columnIndices: [], values: [])
        block.rowLengths.reserveCapacity(rows.count)
        var touched: [Int32] = []
        a.rowPointers.withUnsafeBufferPointer { ap in
        a.columnIndices.withUnsafeBufferPointer { ai in
        a.values.withUnsafeBufferPointer { av in
        b.rowPointers.withUnsafeBufferPointer { bp in
        b.columnIndices.withUnsafeBufferPointer { bi in
        b.values.withUnsafeBufferPointer { bv in
        accumulator.withUnsafeMutableBufferPointer { acc in
        marker.withUnsafeMutableBufferPointer { mark in
            for i in rows {
                touched.removeAll(keepingCapacity: true)
                let stamp = Int32(truncatingIfNeeded: i)
                for p in ap[i]..<ap[i + 1] {
                    let k = Int(ai[p])
                    let scale = av[p]
                    for q in bp[k]..<bp[k + 1] {
                        let j = Int(bi[q])
                        if mark[j] != stamp {
                            mark[j] = stamp
                            acc[j] = 0
                            touched.append(bi[q])
                        }
                        acc[j] += scale * bv[q]
                    }
                }
                touched.sort()
                for j in touched {
                    block.columnIndices.append(j)
                    block.values.append(acc[Int(j)])
                }
                block.rowLengths.append(touched.count)
            }
        }}}}}}}}
        return block
    }
}
