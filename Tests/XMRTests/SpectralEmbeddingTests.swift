import Foundation
import Testing
@testable import XMR

@Suite("Graph-spectrum label representation")
struct SpectralEmbeddingTests {
    /// A weighted graph on `count` labels: a ring with random chords among the first `count - 8`,
    /// a separate triangle, and five labels without edges.
    static func graph(count: Int, seed: UInt64) -> LabelGraph {
        var g = SplitMix64(seed: seed)
        let connected = count - 8
        var edges: [(i: Int, j: Int, weight: Float)] = []
        for i in 0..<connected { edges.append((i, (i + 1) % connected, 1 + Float(g.nextInt(below: 4)))) }
        for _ in 0..<(2 * connected) {
            let i = g.nextInt(below: connected), j = g.nextInt(below: connected)
            if i != j { edges.append((i, j, Float(g.nextInt(below: 5) + 1) / 2)) }
        }
        edges += [(connected, connected + 1, 2), (connected + 1, connected + 2, 1), (connected, connected + 2, 1)]
        return LabelGraph(labelCount: count, edges: edges)
    }

    /// S = D^-½ A D^-½ as a dense matrix over the labels with edges (test-only).
    static func denseNormalized(_ graph: LabelGraph) -> (matrix: [Double], labels: [Int]) {
        let degrees = graph.degrees()
        let labels = (0..<graph.labelCount).filter { degrees[$0] > 0 }
        let n = labels.count
        var s = [Double](repeating: 0, count: n * n)
        for (r, i) in labels.enumerated() {
            for (c, j) in labels.enumerated() {
                s[r * n + c] = Double(graph.adjacency[i, j]) / (degrees[i] * degrees[j]).squareRoot()
            }
        }
        return (s, labels)
    }

    @Test("Eigenpairs match a dense Jacobi eigensolver and have small residuals ‖Sv − λv‖")
    func eigenpairs() throws {
        let graph = Self.graph(count: 160, seed: 1)
        let embedding = try SpectralEmbedding.compute(graph: graph, dimension: 6, seed: 3, threads: 2)
        let (s, labels) = Self.denseNormalized(graph)
        let n = labels.count
        let reference = SymmetricEigensolver.decompose(s, n: n)
        #expect(embedding.eigenvalues.count == 6)
        // The connected part and the triangle each give eigenvalue 1.
        #expect(abs(reference.values[0] - 1) < 1e-9 && abs(reference.values[1] - 1) < 1e-9)
        for k in 0..<6 {
            #expect(abs(embedding.eigenvalues[k] - reference.values[k]) < 1e-4, "eigenvalue \(k)")
            let v = labels.map { Double(embedding.vectors[$0, k]) }
            var residual = 0.0, norm = 0.0
            for r in 0..<n {
                var sv = 0.0
                for c in 0..<n { sv += s[r * n + c] * v[c] }
                residual += (sv - embedding.eigenvalues[k] * v[r]) * (sv - embedding.eigenvalues[k] * v[r])
                norm += v[r] * v[r]
            }
            #expect(abs(norm - 1) < 1e-4, "eigenvector \(k) has norm \(norm)")
            #expect(residual.squareRoot() < 1e-3, "eigenpair \(k) has residual \(residual.squareRoot())")
        }
        for label in 152..<160 where label > 154 {
            #expect(!embedding.hasEdges[label] && (0..<6).allSatisfy { embedding.vectors[label, $0] == 0 })
        }
        let again = try SpectralEmbedding.compute(graph: graph, dimension: 6, seed: 3, threads: 1)
        #expect(again.vectors == embedding.vectors && again.eigenvalues == embedding.eigenvalues)
    }

    @Test("The Jacobi eigensolver diagonalizes a small symmetric matrix")
    func jacobi() {
        let a: [Double] = [4, 1, 2, 1, 3, 0, 2, 0, 5]
        let (values, vectors) = SymmetricEigensolver.decompose(a, n: 3)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(abs(values.reduce(0, +) - 12) < 1e-9)
        for k in 0..<3 {
            for i in 0..<3 {
                let av = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * vectors[k * 3 + $1] }
                #expect(abs(av - values[k] * vectors[k * 3 + i]) < 1e-9)
            }
        }
    }

    @Test("The co-occurrence graph counts shared points and has no diagonal")
    func cooccurrence() {
        // Points: {0,1}, {0,1,2}, {3}.
        let y = CSRMatrix(rows: 3, cols: 4, triplets: [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1), (1, 2, 1), (2, 3, 1)])
        let graph = LabelGraph(cooccurrence: y, threads: 2)
        #expect(graph.adjacency.toDense() == [[0, 2, 1, 0], [2, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]])
        #expect(graph.edgeCount == 3)
    }

    @Test("spectral and pifa+spectral rows: unit norm, halves alike, labels without edges fall back to PIFA")
    func representation() throws {
        let (x, y) = SyntheticData.problem(points: 200, labels: 24, seed: 5)
        let pifa = try LabelRepresentation.pifa.labelVectors(features: x.l2NormalizedRows(), labels: y)
        // A graph where labels 20..23 have no edges.
        let edges = (0..<19).map { (i: $0, j: $0 + 1, weight: Float(1)) } + [(i: 0, j: 19, weight: Float(1))]
        let graph = LabelGraph(labelCount: 24, edges: edges)
        let spectral = try SpectralRepresentation.spectral(features: x.l2NormalizedRows(), labels: y, graph: graph, dimension: 4)
        #expect(spectral.cols == 4 + pifa.cols)
        for label in 0..<24 {
            let row = spectral.row(label)
            #expect(abs(row.norm - 1) < 1e-5)
            if label >= 20 {
                #expect(row.indices == pifa.row(label).indices.map { $0 + 4 } && row.values == pifa.row(label).values)
            } else {
                #expect(row.indices.allSatisfy { $0 < 4 })
            }
        }
        let both = try SpectralRepresentation.pifaWithSpectral(features: x.l2NormalizedRows(), labels: y, graph: graph, dimension: 4)
        for label in 0..<24 {
            let row = both.row(label)
            let pifaPart = zip(row.indices, row.values).filter { $0.0 < Int32(pifa.cols) }.reduce(Float(0)) { $0 + $1.1 * $1.1 }
            #expect(abs(row.norm - 1) < 1e-5)
            #expect(abs(pifaPart - (label >= 20 ? 1 : 0.5)) < 1e-5)
        }
        // Without a given graph the co-occurrence graph is used, deterministically.
        let a = try SpectralRepresentation.spectral(features: x.l2NormalizedRows(), labels: y, dimension: 8, seed: 2)
        let b = try SpectralRepresentation.spectral(features: x.l2NormalizedRows(), labels: y, dimension: 8, seed: 2)
        #expect(a == b)
        #expect(throws: IndexingError.self) {
            try SpectralRepresentation.spectral(features: x, labels: y, graph: LabelGraph(labelCount: 3, edges: []))
        }
    }

    @Test("label_graph.txt: comments and blank lines; bad ids, weights and self loops name the line")
    func graphFile() throws {
        let graph = try LabelGraphFile.parse("# edges\n0 1 2.5\n\n1 2 1\r\n2 0 0.5\n1 0 1\n", path: "g.txt", labelCount: 3)
        #expect(graph.adjacency.toDense() == [[0, 3.5, 0.5], [3.5, 0, 1], [0.5, 1, 0]])
        func message(_ text: String) -> String {
            do {
                _ = try LabelGraphFile.parse(text, path: "g.txt", labelCount: 3)
                return "parsed"
            } catch {
                return String(describing: error)
            }
        }
        #expect(message("0 1 1\n0 3 1\n") == "g.txt:2: label id 3 is out of range (the dataset has 3 labels, ids 0 to 2)")
        #expect(message("0 -1 1\n") == "g.txt:1: label id -1 is out of range (the dataset has 3 labels, ids 0 to 2)")
        #expect(message("0 1 heavy\n") == "g.txt:1: bad weight 'heavy': expected a finite number above 0")
        #expect(message("0 1 -2\n") == "g.txt:1: bad weight '-2': expected a finite number above 0")
        #expect(message("0 1 nan\n") == "g.txt:1: bad weight 'nan': expected a finite number above 0")
        #expect(message("\n\n2 2 1\n") == "g.txt:3: self loop on label 2")
        #expect(message("0 1\n") == "g.txt:1: expected 'i j weight', found 2 fields")
        #expect(message("a 1 1\n") == "g.txt:1: label id 'a' is not an integer")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = try folder.write(LabelGraphFile.fileName, "0 2 1\n")
        #expect(try LabelGraphFile.read(url, labelCount: 3).edgeCount == 1)
        #expect(throws: DatasetError.self) { try LabelGraphFile.read(folder.url.appendingPathComponent("none.txt"), labelCount: 3) }
    }
}
