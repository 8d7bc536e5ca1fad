import Foundation
import Testing
@testable import XMR

@Suite("HNSW index")
struct HNSWIndexTests {
    static let dimension = 16

    @Test("Dense inner-product, cosine and l2 search finds the exact neighbours", arguments: ANNSimilarity.allCases)
    func denseRecall(kind: ANNSimilarity) throws {
        let base = ANNTestData.dense(count: 600, dimension: Self.dimension, seed: 1)
        let queries = ANNTestData.dense(count: 40, dimension: Self.dimension, seed: 2)
        let index = try HNSWIndex.build(.dense(base), similarity: kind,
                                        parameters: HNSWParameters(m: 8, efConstruction: 64, threads: 1))
        // Maximum inner-product search over vectors of unequal norms is the hard case of graph
        // search (the neighbour relation is not symmetric): it needs a longer candidate list.
        let ef = kind == .innerProduct ? 200 : 64
        let found = try index.search(.dense(queries), k: 10, ef: ef, threads: 2)
        let exact = ANNTestData.exact(base: base, queries: queries, k: 10, kind: kind)
        #expect(ANNTestData.recall(found: found, exact: exact) >= (kind == .innerProduct ? 0.85 : 0.95))
        // Scores are the true similarities, best first.
        for q in 0..<5 {
            let neighbours = found.neighbors(ofQuery: q)
            #expect(neighbours.count == 10)
            #expect(zip(neighbours, neighbours.dropFirst()).allSatisfy { $0.score >= $1.score })
            for n in neighbours {
                let truth = ANNTestData.similarity(base.row(n.id), queries.row(q), kind)
                #expect(abs(truth - n.score) <= 1e-4 * max(1, abs(truth)))
            }
        }
    }

    @Test("Sparse cosine search finds the exact neighbours; one query equals the batch")
    func sparseRecall() throws {
        let base = ANNTestData.sparse(count: 500, dimension: 300, nonzeros: 12, seed: 3)
        let queries = ANNTestData.sparse(count: 30, dimension: 300, nonzeros: 12, seed: 4)
        let index = try HNSWIndex.build(.sparse(base), similarity: .cosine,
                                        parameters: HNSWParameters(m: 8, efConstruction: 80, threads: 2))
        let found = try index.search(.sparse(queries), k: 5, ef: 80)
        let exact = ANNTestData.exact(base: try DenseMatrix(rowVectors: base.toDense(), columns: 300),
                                      queries: try DenseMatrix(rowVectors: queries.toDense(), columns: 300), k: 5, kind: .cosine)
        #expect(ANNTestData.recall(found: found, exact: exact) >= 0.95)
        let searcher = index.makeSearcher()
        for q in 0..<queries.rows {
            #expect(try searcher.search(queries.row(q), k: 5, ef: 80) == found.neighbors(ofQuery: q))
        }
    }

    @Test("Rows that arrive sorted, near neighbours side by side, are still found")
    func sortedInputRecall() throws {
        // 200 tight groups of 8 rows, each group's rows consecutive, as in a dataset sorted by
        // name. Inserted in input order, a batch held whole groups whose members never saw
        // each other: recall@8 of a row's own group was 0.72 (now 0.999).
        var g = SplitMix64(seed: 11)
        func uniform() -> Float { Float(g.next() >> 40) / Float(1 << 24) * 2 - 1 }
        let groups = 200, size = 8, dimension = Self.dimension
        var values: [Float] = []
        for _ in 0..<groups {
            let centre = (0..<dimension).map { _ in uniform() }
            for _ in 0..<size { values += centre.map { $0 + 0.05 * uniform() } }
        }
        let base = try DenseMatrix(rows: groups * size, columns: dimension, values: values)
        let index = try HNSWIndex.build(.dense(base), similarity: .l2,
                                        parameters: HNSWParameters(m: 6, efConstruction: 40, threads: 2))
        let queries = try DenseMatrix(rows: 100, columns: dimension,
                                      values: (0..<100).flatMap { Array(base.row($0 * 16 + 3)) })
        let found = try index.search(.dense(queries), k: size, ef: 16, threads: 1)
        let exact = ANNTestData.exact(base: base, queries: queries, k: size, kind: .l2)
        #expect(ANNTestData.recall(found: found, exact: exact) >= 0.97)
    }

    @Test("The graph respects its capacities, has no self links and reaches every node")
    func graphShape() throws {
        let base = ANNTestData.dense(count: 400, dimension: 8, seed: 5)
        let index = try HNSWIndex.build(.dense(base), similarity: .l2,
                                        parameters: HNSWParameters(m: 6, efConstruction: 40))
        var reached = Set([0])
        var frontier = [0]
        while let node = frontier.popLast() {
            let neighbours = index.neighbors(of: node)
            #expect(neighbours.count <= 12 && !neighbours.contains(node))
            for n in neighbours where reached.insert(n).inserted { frontier.append(n) }
        }
        #expect(reached.count >= 398)
        #expect(index.topLevel >= 1)
    }

    @Test("The same seed gives the same index file for one and for two threads")
    func determinism() throws {
        let base = ANNTestData.sparse(count: 400, dimension: 200, nonzeros: 10, seed: 6)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var files: [Data] = []
        for threads in [1, 1, 2] {
            let index = try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 8, efConstruction: 50, seed: 9, threads: threads))
            let url = folder.url.appendingPathComponent("index-\(files.count).hnsw")
            try index.save(to: url)
            files.append(try Data(contentsOf: url))
        }
        #expect(files[0] == files[1])
        #expect(files[0] == files[2])
        let other = try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 8, efConstruction: 50, seed: 10, threads: 1))
        let otherURL = folder.url.appendingPathComponent("other.hnsw")
        try other.save(to: otherURL)
        #expect(try Data(contentsOf: otherURL) != files[0])
    }

    @Test("A saved index maps back and searches identically")
    func roundTrip() throws {
        let base = ANNTestData.dense(count: 300, dimension: 12, seed: 7)
        let queries = ANNTestData.dense(count: 20, dimension: 12, seed: 8)
        let index = try HNSWIndex.build(.dense(base), similarity: .l2,
                                        parameters: HNSWParameters(m: 8, efConstruction: 40))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("i.hnsw")
        try index.save(to: url)
        let loaded = try HNSWIndex.load(from: url)
        #expect(loaded.count == 300 && loaded.dimension == 12 && loaded.similarity == .l2 && loaded.isDense)
        #expect(loaded.parameters == HNSWParameters(m: 8, efConstruction: 40, seed: 0, threads: 0))
        let q = ANNVectors.dense(queries)
        #expect(try loaded.search(q, k: 7, ef: 30) == index.search(q, k: 7, ef: 30))
        try index.save(to: url)  // replacing its own file is allowed
    }

    @Test("Truncated, corrupted and foreign files get clear errors; other files are not overwritten")
    func badFiles() throws {
        let base = ANNTestData.sparse(count: 100, dimension: 50, nonzeros: 5, seed: 11)
        let index = try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 4, efConstruction: 20))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("i.hnsw")
        try index.save(to: url)
        let bytes = try Data(contentsOf: url)
        func loadError(_ data: Data) throws -> String {
            let bad = folder.url.appendingPathComponent("bad.hnsw")
            try data.write(to: bad)
            do {
                _ = try HNSWIndex.load(from: bad)
                return "loaded"
            } catch let error as ANNError {
                return error.description
            }
        }
        #expect(try loadError(bytes.prefix(bytes.count - 100)).contains("file is truncated"))
        #expect(try loadError(bytes.prefix(60)).contains("file is truncated (60 bytes)"))
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(try loadError(flipped).contains("corrupted (CRC-32 mismatch)"))
        #expect(try loadError(Data("hello, this is not an index at all".utf8)).contains("not an xmr HNSW index"))
        var version = bytes
        version[8] = 9
        #expect(try loadError(version).contains("unsupported index version 9"))
        #expect(try loadError(bytes + Data([0, 0])).contains("longer than its header says"))
        let foreign = try folder.write("notes.txt", "keep me")
        #expect(throws: ANNError.self) { try index.save(to: foreign) }
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "keep me")
        #expect(throws: ANNError.self) { try HNSWIndex.load(from: folder.url.appendingPathComponent("missing.hnsw")) }
    }

    @Test("Bad parameters and queries are errors that name them")
    func badInput() throws {
        let base = ANNTestData.sparse(count: 30, dimension: 20, nonzeros: 4, seed: 12)
        #expect(throws: ANNError.invalidParameter(name: "m", message: "must be between 2 and 256, got 1")) {
            try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 1))
        }
        #expect(throws: ANNError.self) { try HNSWIndex.build(.sparse(base), similarity: .l2) }
        #expect(throws: ANNError.self) { try HNSWIndex.build(.dense(DenseMatrix(rows: 0, columns: 2))) }
        #expect(throws: ANNError.self) { try HNSWIndex.build(.dense(DenseMatrix(rows: 1, columns: 2, values: [1, .nan]))) }
        let index = try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 4, efConstruction: 10))
        #expect(throws: ANNError.invalidParameter(name: "k", message: "must be at least 1, got 0")) {
            try index.search(.sparse(base), k: 0, ef: 10)
        }
        #expect(throws: ANNError.invalidParameter(name: "ef", message: "must be at least 1, got 0")) {
            try index.search(.sparse(base), k: 3, ef: 0)
        }
        // Sizes from a caller are checked before any buffer is sized by them (2^31 trapped).
        #expect(throws: ANNError.invalidParameter(name: "k", message: "must be at most 10000, got 2147483648")) {
            try index.search(.sparse(base), k: 2_147_483_648, ef: 10)
        }
        #expect(throws: ANNError.invalidParameter(name: "ef", message: "must be at most 100000, got 9223372036854775807")) {
            try index.search(.sparse(base), k: 3, ef: Int.max)
        }
        #expect(throws: ANNError.self) {
            try HNSWIndex.build(.sparse(base), parameters: HNSWParameters(m: 4, efConstruction: 10, threads: 2_147_483_648))
        }
        #expect(throws: ANNError.self) { try index.search(.dense(DenseMatrix(rows: 1, columns: 20)), k: 3, ef: 3) }
        let wide = CSRMatrix(rows: 1, cols: 30, triplets: [(0, 25, 1)])
        #expect(throws: ANNError.self) { try index.search(.sparse(wide), k: 3, ef: 3) }
    }

    @Test("An index smaller than k returns every vector and leaves the other slots empty")
    func fewerThanK() throws {
        let index = try HNSWIndex.build(.dense(DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, 1, 1])))
        let found = try index.search(.dense(DenseMatrix(rows: 1, columns: 2, values: [1, 0.5])), k: 5, ef: 1)
        #expect(found.neighbors(ofQuery: 0).map(\.id) == [2, 0, 1])
        #expect(found.ids.suffix(2) == [-1, -1])
    }
}
