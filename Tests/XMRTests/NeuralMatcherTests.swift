import Foundation
import Testing
@testable import XMR

@Suite("The neural matcher stage: fine-tuned encoder, heads per level, ranker on [TF-IDF ⊕ fine-tuned embedding]")
struct NeuralMatcherTests {
    static func pipeline(seed: Int = 0, branching: Int = 4) -> Pipeline {
        var p = DenseFeaturesTests.pipeline(encoder: TextEncoderTests.model)
        p.seed = seed
        p.indexer.branching = branching
        p.matcher.algorithm = .neural
        p.ranker.negatives = .tfnMan
        var tuning = FineTuningParameters()
        tuning.epochs = 1
        tuning.maxLength = 16
        tuning.batchSize = 32
        p.matcher.fineTuning = tuning
        return p
    }

    @Test("Trains, reports its cost, embeds queries with the fine-tuned encoder, and answers the same after save and load")
    func trainSaveLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try DenseFeaturesTests.dataset(in: folder, count: 120)
        let cache = folder.url.appendingPathComponent("cache")
        let trained = try DenseFeaturesTests.train(Self.pipeline(), dataset, cache: cache)
        let matcher = try #require(trained.matcher as? NeuralMatcher)
        #expect(matcher.heads.count == trained.tree.depth - 1)
        let report = try #require(trained.fineTuning)
        #expect(report.examples == 120 * (trained.tree.depth - 1) && report.examplesPerSecond > 0)
        let base = try TextEncoder(folder: TextEncoderTests.model)
        let encoder = try #require(trained.encoder)
        #expect(try encoder.checksum() != base.checksum())
        let text = "library for parsing XML files"
        #expect(try encoder.embed([text]) != base.embed([text]))

        let model = folder.url.appendingPathComponent("model")
        try trained.save(to: model)
        #expect(FileManager.default.fileExists(atPath: model.appendingPathComponent(NeuralMatcher.fileName).path))
        let loaded = try TrainedModel.load(from: model, embeddingCache: EmbeddingCache(folder: cache))
        #expect(loaded.matcher is NeuralMatcher)
        // The heads' logits become sigmoid path scores under the default l3-hinge post-processor.
        #expect(trained.model.parameters.postProcessor == .l3Hinge)
        #expect(matcher.search.postProcessor == .sigmoid)
        #expect((loaded.matcher as? NeuralMatcher)?.search.postProcessor == .sigmoid)
        #expect(try loaded.encoder?.checksum() == encoder.checksum())
        let test = try #require(dataset.test)
        let before = try trained.predictBatch(QueryBatch(features: try trained.features(of: test, name: "test")), threads: 1)
        let after = try loaded.predictBatch(QueryBatch(features: try loaded.features(of: test, name: "test")), threads: 2)
        #expect(before.rankings == after.rankings)
        #expect(before.rankings.allSatisfy { !$0.isEmpty })
        #expect(try loaded.query(text: text)?.features == trained.query(text: text)?.features)
    }

    @Test("A matcher file fine-tuned on another tree is refused, naming the file")
    func otherTreeRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try DenseFeaturesTests.dataset(in: folder, count: 80)
        let cache = folder.url.appendingPathComponent("cache")
        let first = folder.url.appendingPathComponent("first"), second = folder.url.appendingPathComponent("second")
        try DenseFeaturesTests.train(Self.pipeline(branching: 4), dataset, cache: cache).save(to: first)
        try DenseFeaturesTests.train(Self.pipeline(branching: 2), dataset, cache: cache).save(to: second)
        let bytes = try Data(contentsOf: second.appendingPathComponent(NeuralMatcher.fileName))
        let model = try ModelStore.load(from: first)
        let url = folder.url.appendingPathComponent("other.safetensors")
        try bytes.write(to: url)
        #expect {
            _ = try NeuralMatcher.load(model, file: url, verify: { _ in })
        } throws: { error in
            "\(error)".contains("another label tree") && "\(error)".contains("other.safetensors")
        }
    }

    @Test("Path scores are sigmoids of the logits, in log space under a log- post-processor")
    func pathScores() {
        #expect(PostProcessor.allCases.map(NeuralMatcher.pathScore(under:))
                == [.sigmoid, .logSigmoid, .sigmoid, .logSigmoid, .sigmoid])
        #expect(PostProcessor.allCases == [.l3Hinge, .logL3Hinge, .sigmoid, .logSigmoid, .noop])
    }

    @Test("The neural matcher needs an encoder and embedded features")
    func needsEncoder() {
        var p = Pipeline()
        p.matcher.algorithm = .neural
        #expect(throws: XRLinearError.self) { try p.validate() }
        var q = Self.pipeline()
        q.matcher.fineTuning?.epochs = 0
        #expect { try q.validate() } throws: { "\($0)".contains("epochs") }
    }
}
