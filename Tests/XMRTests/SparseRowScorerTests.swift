import Testing
@testable import XMR

/// The sparse scorer over a dimension large enough for its column filter: exact scores through
/// queries that grow the filter and shrink again, and the same index as without the filter.
@Suite struct SparseRowScorerTests {
    @Test("The filter grows with the query's nonzeros and is exact at the dimension's size")
    func filterSizes() {
        let minimum = SparseRowScorer.minimumFilterBits
        #expect(SparseRowScorer.filterBits(nonzeros: 0, dimension: 1 << 20) == minimum)
        #expect(SparseRowScorer.filterBits(nonzeros: minimum / 32, dimension: 1 << 20) == minimum)
        #expect(SparseRowScorer.filterBits(nonzeros: minimum / 32 + 1, dimension: 1 << 20) == 2 * minimum)
        #expect(SparseRowScorer.filterBits(nonzeros: 1 << 20, dimension: 1_000_000) == 1 << 20)
        #expect(SparseRowScorer.filterBits(nonzeros: 10, dimension: 100) == 128)
    }

    @Test("Scores stay exact while queries of 20, 3,000 and 20 nonzeros replace each other")
    func exactScoresAcrossQueries() {
        let dimension = 1 << 20
        #expect(dimension >= SparseRowScorer.filterDimension)
        var g = SplitMix64(seed: 17)
        func value() -> Float { Float(g.nextInt(below: 2000) - 1000) / 1000 }
        // 60 rows of 80 distinct columns; queries draw half their columns from row 0's.
        var pointers: [UInt64] = [0], indices: [Int32] = [], values: [Float] = []
        for _ in 0..<60 {
            let columns = Set((0..<80).map { _ in Int32(g.nextInt(below: dimension)) }).sorted()
            indices += columns
            values += columns.map { _ in value() }
            pointers.append(UInt64(indices.count))
        }
        func query(_ n: Int) -> [Int32: Float] {
            var q: [Int32: Float] = [:]
            var t = 0
            while q.count < n {
                let column = t % 2 == 0 && t < 160 ? indices[t / 2] : Int32(g.nextInt(below: dimension))
                q[column] = value()
                t += 1
            }
            return q
        }
        pointers.withUnsafeBufferPointer { p in
            indices.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in
                    let rows = SparseRows(rows: 60, dimension: dimension, rowPointers: p.baseAddress!,
                                          indices: i.baseAddress!, values: v.baseAddress!)
                    var scorer = rows.makeScorer()
                    defer { scorer.deallocate() }
                    for n in [20, 3000, 20, 1] {
                        let q = query(n)
                        let columns = Array(q.keys), entries = columns.map { q[$0]! }
                        columns.withUnsafeBufferPointer { c in
                            entries.withUnsafeBufferPointer { e in
                                scorer.setQuery(indices: c.baseAddress!, values: e.baseAddress!, count: n, scale: 0.5)
                            }
                        }
                        var dense = [Float](repeating: 0, count: dimension)
                        for (column, x) in q { dense[Int(column)] = x * 0.5 }
                        var overlapping = 0
                        for row in 0..<60 {
                            let start = Int(pointers[row]), end = Int(pointers[row + 1])
                            let plain = VectorKernels.gatherDot(i.baseAddress!, v.baseAddress!, start, end, dense)
                            #expect(scorer.score(UInt32(row)).bitPattern == plain.bitPattern, "query of \(n), row \(row)")
                            if plain != 0 { overlapping += 1 }
                        }
                        if n >= 20 { #expect(overlapping > 0) }
                    }
                }
            }
        }
    }

    @Test("Rows spread over 1M columns build the same graph and find the same neighbours, bit for bit")
    func filteredIndexMatchesPlainIndex() throws {
        let base = ANNTestData.sparse(count: 400, dimension: 300, nonzeros: 12, seed: 5)
        let queries = ANNTestData.sparse(count: 25, dimension: 300, nonzeros: 30, seed: 6)
        // An increasing map keeps every row's entry order, so every sum adds the same terms in the
        // same order; 1M columns put the scorer on its filtered path.
        func spread(_ m: CSRMatrix) -> CSRMatrix {
            CSRMatrix(rows: m.rows, cols: 1_000_000, rowPointers: m.rowPointers,
                      columnIndices: m.columnIndices.map { $0 * 3001 + 7 }, values: m.values)
        }
        let parameters = HNSWParameters(m: 8, efConstruction: 60, threads: 1)
        let plain = try HNSWIndex.build(.sparse(base), parameters: parameters)
        let filtered = try HNSWIndex.build(.sparse(spread(base)), parameters: parameters)
        #expect(filtered.dimension >= SparseRowScorer.filterDimension && plain.dimension < SparseRowScorer.filterDimension)
        #expect(plain.topLevel == filtered.topLevel)
        for node in 0..<base.rows {
            for level in 0...plain.topLevel {
                #expect(plain.neighbors(of: node, level: level) == filtered.neighbors(of: node, level: level))
            }
        }
        let expected = try plain.search(.sparse(queries), k: 5, ef: 40)
        #expect(try filtered.search(.sparse(spread(queries)), k: 5, ef: 40) == expected)
        #expect(expected.neighbors(ofQuery: 0).count == 5)
    }
}
