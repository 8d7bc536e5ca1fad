import Foundation
import Testing
@testable import XMR

/// A user's own indexer: labels grouped by `label % groups`, as a custom stage would be.
private struct ModuloIndexer: LabelIndexer {
    var groups: Int
    var name: String { "modulo" }

    func index(labelVectors: CSRMatrix, input: TrainingInput, context: StageContext) throws -> LabelTree {
        LabelTree(parents: [[Int32](repeating: 0, count: groups), (0..<labelVectors.rows).map { Int32($0 % groups) }])
    }
}

@Suite("Pipeline stages")
struct PipelineStageTests {
    static func pipeline() -> Pipeline {
        var p = Pipeline()
        p.threads = 2
        p.ranker.threshold = 0.01
        return p
    }

    @Test("A custom indexer trains, saves, loads and predicts through the pipeline")
    func customIndexerRoundTrip() throws {
        let (x, y) = SyntheticData.problem(points: 300, labels: 20, seed: 3)
        var trainer = PipelineTrainer(Self.pipeline())
        trainer.indexer = ModuloIndexer(groups: 4)
        let trained = try trainer.train(features: x, labels: y)
        #expect(trained.tree.nodeCount(atLevel: 1) == 4)
        #expect(trained.tree.parents[1] == (0..<20).map { Int32($0 % 4) })
        #expect(trained.pipeline.indexer.custom == "modulo")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("model")
        try trained.save(to: url)
        let loaded = try TrainedModel.load(from: url)
        #expect(loaded.pipeline == trained.pipeline)
        #expect(loaded.tree == trained.tree)
        let (tx, ty) = SyntheticData.problem(points: 100, labels: 20, seed: 4)
        let queries = QueryBatch(features: tx)
        let before = try trained.predictBatch(queries, topK: 5)
        #expect(try loaded.predictBatch(queries, topK: 5).rankings == before.rankings)
        for i in 0..<10 {
            #expect(try loaded.predict(Query(features: tx.row(i)), topK: 5) == before.rankings[i])
        }
        #expect(SyntheticData.precisionAt1(before.rankings, ty) > 0.8)
    }

    @Test("Euclidean k-means builds a balanced tree of the same shape as spherical")
    func kmeansIndexer() throws {
        let (x, y) = SyntheticData.problem(points: 300, labels: 20, seed: 5)
        var p = Self.pipeline()
        p.indexer.maxLeafSize = 4
        p.indexer.branching = 2
        let spherical = try PipelineTrainer(p).train(features: x, labels: y)
        p.indexer.algorithm = .kmeans
        let euclidean = try PipelineTrainer(p).train(features: x, labels: y)
        #expect((0...euclidean.tree.depth).map { euclidean.tree.nodeCount(atLevel: $0) }
                == (0...spherical.tree.depth).map { spherical.tree.nodeCount(atLevel: $0) })
        let (tx, ty) = SyntheticData.problem(points: 100, labels: 20, seed: 6)
        #expect(try SyntheticData.precisionAt1(euclidean.predictBatch(QueryBatch(features: tx)).rankings, ty) > 0.8)
    }

    @Test("The log-space post-processors rank like their multiplicative twins, scores are their logs",
          arguments: [(PostProcessor.l3Hinge, PostProcessor.logL3Hinge), (.sigmoid, .logSigmoid)])
    func logPostProcessors(plain: PostProcessor, log: PostProcessor) throws {
        var (model, x, _) = try XRLinearModelTests.trained()
        model.parameters.postProcessor = plain
        var logModel = model
        logModel.parameters.postProcessor = log
        for i in 0..<20 {
            let a = try model.predict(x.row(i), beamWidth: 1000, topK: 20)
            let b = try logModel.predict(x.row(i), beamWidth: 1000, topK: 20)
            for (p, q) in zip(a, b) where p.score > 1e-30 {
                #expect(abs(logf(p.score) - q.score) <= 1e-3 * max(1, abs(q.score)))
            }
            let strong = a.filter { $0.score > 1e-6 }.map(\.label)
            #expect(Array(b.map(\.label).prefix(strong.count)) == strong)
        }
        #expect(PostProcessor.logL3Hinge.transform(2) == 0 && PostProcessor.logL3Hinge.transform(0) == -1)
        #expect(PostProcessor.noop.combine(parent: 0.5, raw: 3) == 3)
    }

    @Test("One table: validation, ranges and defaults agree")
    func parameterTable() {
        var p = Pipeline()
        #expect(PipelineParameter.branching.rangeText == "2–1024")
        #expect(PipelineParameter.depth.rangeText == "auto or 1–64")
        #expect(PipelineParameter.branching.help.contains("2–1024") && PipelineParameter.branching.help.contains("default 16"))
        p.indexer.branching = 1025
        #expect(throws: XRLinearError.invalidParameter(name: "branching", message: "must be between 2 and 1024, got 1025")) {
            try p.validate()
        }
        #expect(PipelineParameter.branching.assign("1024", to: &p) == nil && p.indexer.branching == 1024)
        #expect(PipelineParameter.branching.assign("1025", to: &p) != nil)
        #expect(PipelineParameter.depth.assign("auto", to: &p) == nil && p.indexer.depth == nil)
        #expect(PipelineParameter.indexer.assign("kmeans", to: &p) == nil && p.indexer.algorithm == .kmeans)
        #expect(PipelineParameter.postProcessor.assign("log-sigmoid", to: &p) == nil && p.postProcessor == .logSigmoid)
        #expect(PipelineParameter.labelTree.assign("tree.txt", to: &p) == nil && p.indexer.labelTree == "tree.txt")
        for parameter in PipelineParameter.allCases { #expect(parameter.problem(in: Pipeline()) == nil, "\(parameter)") }
    }

    @Test("Round-1 flat descriptions load into the stages; staged ones round-trip")
    func legacyDescriptions() throws {
        let flat = #"{"branching": 8, "depth": 3, "representation": "pii", "c": 0.5, "negatives": "man", "beamWidth": 4, "topK": 7, "normalizeRows": false, "postProcessor": "sigmoid", "seed": 2, "threads": 1}"#
        let p = try JSONDecoder().decode(Pipeline.self, from: Data(flat.utf8))
        #expect(p.indexer.branching == 8 && p.indexer.depth == 3 && p.representation.algorithm == .pii)
        #expect(p.ranker.c == 0.5 && p.ranker.negatives == .man && p.ranker.topK == 7 && p.matcher.beamWidth == 4)
        #expect(!p.features.normalizeRows && p.postProcessor == .sigmoid && p.seed == 2 && p.threads == 1)
        #expect(try JSONDecoder().decode(Pipeline.self, from: JSONEncoder().encode(p)) == p)
        let staged = #"{"indexer": {"algorithm": "kmeans"}}"#
        #expect(try JSONDecoder().decode(Pipeline.self, from: Data(staged.utf8)).indexer.algorithm == .kmeans)
    }
}

@Suite("Label tree files")
struct LabelTreeFileTests {
    static func parse(_ text: String, labels: Int) -> String? {
        do {
            _ = try LabelTreeFile.parse(Data(text.utf8), file: "tree.txt", labelCount: labels)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("Bad files get file:line errors")
    func badFiles() {
        #expect(Self.parse("a\nb\n", labels: 3) == "tree.txt:3: the file ends after 2 lines; expected one group path per label (3 lines)")
        #expect(Self.parse("a\nb\nc\n", labels: 2) == "tree.txt:3: line beyond the 2 labels; expected one group path per label (2 lines)")
        #expect(Self.parse("a\n  \n", labels: 2) == "tree.txt:2: empty group path for label 1")
        #expect(Self.parse("a\nb//c\n", labels: 2) == "tree.txt:2: empty level in the group path 'b//c'")
        var bytes = Data("a\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x0A])
        #expect(throws: XRLinearError.invalidInput("t:2: the group path is not valid UTF-8")) {
            _ = try LabelTreeFile.parse(bytes, file: "t", labelCount: 2)
        }
        #expect(Self.parse("a/b\r\nc\n", labels: 2) == nil)
    }

    @Test("Shared prefixes share nodes, mixed groups and shallow groups reach the label level, wide groups are split")
    func givenTree() throws {
        // Labels 0-1 under x/y, 2 under x (beside the subgroup y), 3 under z; 4-13 under w (wide).
        let paths = ["x/y", "x/y", "x", "z"] + Array(repeating: "w", count: 10)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("tree.txt", paths.joined(separator: "\n") + "\n")
        var settings = IndexerSettings()
        settings.maxLeafSize = 4
        settings.branching = 2
        let indexer = GivenTreeIndexer(path: file.path, settings: settings,
                                       splitter: IndexerAlgorithm.sphericalKMeans.indexer(settings, seed: 0, threads: 1))
        let (x, y) = SyntheticData.problem(points: 200, labels: 14, seed: 8)
        let vectors = try LabelRepresentation.pifa.labelVectors(features: x.l2NormalizedRows(), labels: y)
        let input = try TrainingInput(features: x, labels: y)
        let tree = try indexer.index(labelVectors: vectors, input: input, context: StageContext(seed: 0, threads: 1))
        #expect(tree.labelCount == 14)
        let path = (0..<14).map { tree.path(toLabel: $0) }
        #expect(path[0].dropLast() == path[1].dropLast())      // same group
        #expect(path[0][0] == path[2][0] && path[0][1] != path[2][1])  // x, then y versus x's own labels
        #expect(path[3][0] != path[0][0])
        // The 10 labels of w share the top node and are split into leaves of at most 4.
        #expect(Set(path[4...].map { $0[0] }).count == 1)
        let leaves = Dictionary(grouping: 4..<14) { path[$0][tree.depth - 2] }
        #expect(leaves.count >= 3 && leaves.values.allSatisfy { $0.count <= 4 })
        // And a model trains on it.
        var pipeline = PipelineStageTests.pipeline()
        pipeline.indexer = settings
        pipeline.indexer.labelTree = file.path
        let trained = try PipelineTrainer(pipeline).train(features: x, labels: y)
        #expect(trained.tree == tree)
    }
}
