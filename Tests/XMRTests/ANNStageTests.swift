import Foundation
import Testing
@testable import XMR

@Suite("ANN stages: the hnsw matcher and the hnsw-graph indexer")
struct ANNStageTests {
    static func pipeline() -> Pipeline {
        var p = Pipeline()
        p.threads = 2
        p.ranker.threshold = 0.01
        p.indexer.maxLeafSize = 4
        p.indexer.branching = 2
        p.matcher.algorithm = .hnsw
        p.ranker.negatives = .tfnMan
        p.ann.m = 4
        p.ann.efConstruction = 20
        return p
    }

    @Test("The hnsw matcher trains, saves its index in the model folder, loads and predicts identically")
    func matcherRoundTrip() throws {
        let (x, y) = SyntheticData.problem(points: 300, labels: 24, seed: 21)
        let trained = try PipelineTrainer(Self.pipeline()).train(features: x, labels: y)
        let matcher = try #require(trained.matcher as? HNSWMatcher)
        let clusterLevel = trained.tree.depth - 1
        #expect(clusterLevel >= 2)
        #expect(matcher.index?.count == trained.tree.nodeCount(atLevel: clusterLevel))
        #expect(trained.model.levels.dropLast().allSatisfy { $0.nonzeros == 0 })
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("model")
        try trained.save(to: url)
        let manifest = try ModelStore.readManifest(in: url)
        #expect(manifest.matcherFile == HNSWMatcher.fileName)
        #expect(manifest.files[HNSWMatcher.fileName]?.bytes == matcher.index?.byteCount)
        let loaded = try TrainedModel.load(from: url)
        #expect(loaded.pipeline == trained.pipeline)
        #expect(loaded.matcher is HNSWMatcher)
        let (tx, ty) = SyntheticData.problem(points: 80, labels: 24, seed: 22)
        let queries = QueryBatch(features: tx)
        let before = try trained.predictBatch(queries, topK: 5, recordBeams: true)
        let after = try loaded.predictBatch(queries, topK: 5, recordBeams: true)
        #expect(after.rankings == before.rankings)
        #expect(after.beams == before.beams)
        #expect(before.beams?.first?.count == trained.tree.depth)
        for i in 0..<10 {
            #expect(try loaded.predict(Query(features: tx.row(i)), topK: 5) == before.rankings[i])
            let trace = try loaded.trace(Query(features: tx.row(i)), topK: 5)
            #expect(trace.levels.map(\.level) == Array(1...trained.tree.depth))
            #expect(trace.results == before.rankings[i])
        }
        #expect(SyntheticData.precisionAt1(before.rankings, ty) > 0.6)
    }

    @Test("With a beam as wide as the cluster level, the hnsw matcher returns every cluster, best cosine first")
    func matcherIsExhaustiveAtFullWidth() throws {
        let (x, y) = SyntheticData.problem(points: 200, labels: 16, seed: 23)
        let trained = try PipelineTrainer(Self.pipeline()).train(features: x, labels: y)
        let level = trained.tree.depth - 1
        let clusters = trained.tree.nodeCount(atLevel: level)
        let vectors = try HNSWMatcherTrainer.clusterVectors(
            try TrainingInput(features: x.l2NormalizedRows(), labels: y), tree: trained.tree, level: level, threads: 1)
        for i in 0..<5 {
            let query = x.row(i)
            let found = try trained.matcher.match(Query(features: query), beamWidth: clusters, onLevel: nil)
            #expect(Set(found.map(\.node)) == Set(0..<clusters))
            let norm = query.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let cosine = (0..<clusters).map { c in
                var dense = [Float](repeating: 0, count: x.cols)
                let row = vectors.row(c)
                for (j, v) in zip(row.indices, row.values) { dense[Int(j)] = v }
                return query.dot(dense) / norm
            }
            let best = cosine.indices.max { cosine[$0] < cosine[$1] }!
            #expect(found.first?.node == best)
        }
    }

    @Test("A truncated, corrupted or foreign matcher file in a model folder gets a clear error")
    func badMatcherFile() throws {
        let (x, y) = SyntheticData.problem(points: 200, labels: 16, seed: 24)
        let trained = try PipelineTrainer(Self.pipeline()).train(features: x, labels: y)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("model")
        try trained.save(to: url)
        let file = url.appendingPathComponent(HNSWMatcher.fileName)
        let bytes = try Data(contentsOf: file)
        func loadError() -> String {
            do {
                _ = try TrainedModel.load(from: url)
                return "loaded"
            } catch {
                return "\(error)"
            }
        }
        try bytes.prefix(bytes.count - 40).write(to: file)
        #expect(loadError().contains("\(HNSWMatcher.fileName): file is truncated"))
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        try flipped.write(to: file)
        #expect(loadError().contains("\(HNSWMatcher.fileName): file is corrupted (CRC-32 mismatch)"))
        // A valid index of another model: its own checksum holds, the model's does not.
        let other = try HNSWIndex.build(.sparse(x), similarity: .cosine, parameters: HNSWParameters(m: 4, efConstruction: 10))
        try other.imageData().write(to: file)
        #expect(loadError().contains(HNSWMatcher.fileName))
        try FileManager.default.removeItem(at: file)
        #expect(loadError().contains(HNSWMatcher.fileName))
    }

    @Test("The hnsw-graph indexer partitions the labels into groups of at most the leaf size, whatever the threads")
    func graphIndexer() throws {
        let (x, y) = SyntheticData.problem(points: 300, labels: 40, seed: 25)
        var p = Self.pipeline()
        p.matcher.algorithm = .linear
        p.ranker.negatives = .tfn
        p.indexer.algorithm = .hnswGraph
        p.indexer.maxLeafSize = 6
        p.indexer.graphNeighbors = 3
        p.indexer.branching = 4
        let trained = try PipelineTrainer(p).train(features: x, labels: y)
        let tree = trained.tree
        let groups = tree.depth - 1
        #expect(tree.labelCount == 40)
        let sizes = (0..<tree.nodeCount(atLevel: groups)).map { tree.children(ofNode: $0, atLevel: groups).count }
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= 6 })
        #expect(sizes.reduce(0, +) == 40)
        for t in 0..<groups { #expect((0..<tree.nodeCount(atLevel: t)).allSatisfy { tree.children(ofNode: $0, atLevel: t).count <= 4 }) }
        p.threads = 1
        #expect(try PipelineTrainer(p).train(features: x, labels: y).tree == tree)
        p.indexer.depth = 3
        #expect(throws: XRLinearError.self) { try PipelineTrainer(p).train(features: x, labels: y) }
    }

    @Test("Mutual-kNN groups: components of mutual edges, split when too large, small ones merged by their links")
    func neighborGroups() {
        // 0↔1, 1↔2 and 0↔2 are mutual, 3→0 and 3→2 one-sided, 4 has no vector.
        let neighbors: [[Int32]] = [[1, 2], [0, 2], [1, 0], [0, 2], [0, 1]]
        var groups = NeighborGroups(neighbors: neighbors, empty: [false, false, false, false, true])
        #expect(groups.members == [[0, 1, 2], [3], [4]])
        groups.split(largerThan: 2) { labels in labels.map { $0 == 0 ? 0 : 1 } }
        #expect(groups.members == [[0], [1, 2], [3], [4]])
        groups.merge(smallerThan: 2, maxSize: 2)
        // [0] links only to the full [1, 2] and stays; [3] links to 0 and 2 and joins [0]; then
        // [4] links to the full [0, 3] and [1, 2] and stays alone.
        #expect(groups.members == [[0, 3], [1, 2], [4]])
        #expect(groups.owners() == [0, 1, 1, 0, 2])
    }

    @Test("The hnsw matcher's default negatives are tfn+man; an explicit choice is kept")
    func hnswMatcherNegatives() {
        var p = Pipeline()
        #expect(PipelineParameter.matcher.assign("hnsw", to: &p) == nil)
        #expect(p.ranker.negatives == .tfnMan)
        #expect(PipelineParameter.negatives.assign("tfn", to: &p) == nil)
        #expect(p.ranker.negatives == .tfn)
        // Cycling through every matcher and back leaves the linear matcher's tfn.
        var cycled = Pipeline()
        for _ in MatcherAlgorithm.allCases { PipelineParameter.matcher.cycle(&cycled, step: 1) }
        #expect(cycled.matcher.algorithm == Pipeline().matcher.algorithm && cycled.ranker.negatives == .tfn)
        var m = Pipeline()
        m.ranker.negatives = .man
        #expect(PipelineParameter.matcher.assign("hnsw", to: &m) == nil)
        #expect(m.ranker.negatives == .man)
        #expect(PipelineParameter.negatives(.tfn, from: .linear, to: .neural) == .tfn)
    }

    @Test("ANN and spectral parameters come from the table: defaults are valid, zero is an error naming the option")
    func parameters() throws {
        let defaults = Pipeline()
        for parameter in [PipelineParameter.hnswM, .hnswEf, .hnswEfConstruction, .graphNeighbors, .spectralDimension] {
            #expect(parameter.problem(in: defaults) == nil)
            var p = defaults
            #expect(parameter.assign("0", to: &p) != nil)
        }
        var p = defaults
        p.ann.efSearch = 0
        #expect(throws: XRLinearError.invalidParameter(name: "hnsw-ef", message: "must be between 1 and 100000, got 0")) {
            try p.validate()
        }
        #expect(PipelineParameter.spectralDimension.value(in: defaults) == "64")
        // The default pipeline's description has no ANN keys; a changed one round-trips.
        let json = String(decoding: try JSONEncoder().encode(defaults), as: UTF8.self)
        #expect(!json.contains("ann") && !json.contains("spectralDimension") && !json.contains("graphNeighbors"))
        var changed = defaults
        changed.ann.efSearch = 33
        changed.representation.spectralDimension = 8
        changed.indexer.graphNeighbors = 5
        #expect(try JSONDecoder().decode(Pipeline.self, from: JSONEncoder().encode(changed)) == changed)
    }

    @Test("--spectral-dim sets the number of eigenvectors")
    func spectralDimension() throws {
        let (x, y) = SyntheticData.problem(points: 200, labels: 16, seed: 26)
        var settings = RepresentationSettings()
        settings.algorithm = .spectral
        settings.spectralDimension = 5
        let input = try TrainingInput(features: x.l2NormalizedRows(), labels: y)
        let vectors = try settings.labelVectors(for: input, context: StageContext(seed: 0, threads: 1))
        #expect(vectors.cols == 5 + x.cols)
    }
}
