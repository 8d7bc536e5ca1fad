import Foundation
import Testing
@testable import XMR

/// The repository's `sample-data/debtags-small` folder, found from this file's path.
private let debtagsSmall = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-data/debtags-small")

@Suite("Dense features: the encoder's embeddings in the pipeline (tiny BERT fixture)")
struct DenseFeaturesTests {
    /// A text-only dataset folder with the first `count` training and 40 test points of debtags-small.
    static func dataset(in folder: TemporaryFolder, count: Int = 200) throws -> Dataset {
        func lines(_ name: String) throws -> [Substring] {
            try String(contentsOf: debtagsSmall.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
        }
        for (split, n) in [("train", count), ("test", 40)] {
            for part in ["texts", "labels"] {
                try folder.write("\(split)_\(part).txt", try lines("\(split)_\(part).txt")[0..<n].joined(separator: "\n") + "\n")
            }
        }
        try folder.write("label_names.txt", try String(contentsOf: debtagsSmall.appendingPathComponent("label_names.txt"),
                                                       encoding: .utf8))
        return try DatasetLoader.load(from: folder.url)
    }

    /// A pipeline with the encoder at `encoder`, small trees and 2 threads.
    static func pipeline(encoder: URL, features: FeatureSource = .auto,
                         representation: LabelRepresentation = .pifa) -> Pipeline {
        var p = Pipeline()
        p.threads = 2
        p.indexer.branching = 4
        p.indexer.maxLeafSize = 20
        p.features.source = features
        p.features.encoder = EncoderReference(path: encoder.path, maxLength: 32)
        p.representation.algorithm = representation
        return p
    }

    /// Trains `pipeline` on `dataset` with the embedding cache in `cache`.
    static func train(_ pipeline: Pipeline, _ dataset: Dataset, cache: URL) throws -> TrainedModel {
        var trainer = PipelineTrainer(pipeline)
        trainer.embeddingCache = EmbeddingCache(folder: cache)
        return try trainer.train(dataset)
    }

    @Test("tfidf+dense (the default with an encoder): TF-IDF columns then the embedding, unit rows; saved, loaded, same answers")
    func tfidfWithDenseRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try Self.dataset(in: folder)
        let cache = folder.url.appendingPathComponent("cache")
        let trained = try Self.train(Self.pipeline(encoder: TextEncoderTests.model), dataset, cache: cache)
        let vocabulary = try #require(trained.vectorizer).featureCount
        #expect(trained.model.featureCount == vocabulary + 32)
        #expect(trained.pipeline.features.source == .tfidfWithDense)
        let reference = try #require(trained.pipeline.encoder)
        #expect(reference.checksum == (try TextEncoder(folder: TextEncoderTests.model).checksum()))

        // A typed query: TF-IDF half and embedding half, each of norm 1/√2.
        let query = try #require(try trained.query(text: "A man is eating food."))
        let parts = zip(query.features.indices, query.features.values).reduce(into: [Float](repeating: 0, count: 2)) {
            $0[Int($1.0) < vocabulary ? 0 : 1] += $1.1 * $1.1
        }
        #expect(abs(parts[0] - 0.5) < 1e-5 && abs(parts[1] - 0.5) < 1e-5, "\(parts)")

        let model = folder.url.appendingPathComponent("model")
        try trained.save(to: model)
        #expect(try ModelStore.readManifest(in: model).pipeline.encoder == reference)
        let loaded = try TrainedModel.load(from: model, embeddingCache: EmbeddingCache(folder: cache))
        #expect(loaded.encoder != nil)
        let test = try #require(dataset.test)
        let before = try trained.predictBatch(QueryBatch(features: try trained.features(of: test, name: "test")), threads: 1)
        let after = try loaded.predictBatch(QueryBatch(features: try loaded.features(of: test, name: "test")), threads: 1)
        #expect(before.rankings == after.rankings)
        #expect(try loaded.query(text: "A man is eating food.")?.features == query.features)
    }

    @Test("Embeddings of the training texts are cached by encoder and texts; retraining reads them")
    func cachedEmbeddings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try Self.dataset(in: folder)
        let cache = folder.url.appendingPathComponent("cache")
        let pipeline = Self.pipeline(encoder: TextEncoderTests.model, features: .dense)
        let first = try Self.train(pipeline, dataset, cache: cache)
        let encoder = try TextEncoder(folder: TextEncoderTests.model)
        let file = EmbeddingCache(folder: cache).file(encoderChecksum: try encoder.checksum(),
                                                      texts: try #require(dataset.train.texts), maxLength: 32)
        #expect(FileManager.default.fileExists(atPath: file.path))
        // Zeroing the cached embeddings shows the retraining read them instead of encoding again.
        let zeros = DenseMatrix(rows: dataset.train.count, columns: 32)
        try zeros.writeNumpy(to: file)
        var other = pipeline
        other.ranker.c = 2
        let second = try Self.train(other, dataset, cache: cache)
        #expect(second.model.nonzeros < first.model.nonzeros)
        #expect(first.model.featureCount == 32 && first.vectorizer == nil && first.readsText)
    }

    @Test("A model whose encoder folder is missing or changed does not load; the error names model.json")
    func missingOrChangedEncoder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try Self.dataset(in: folder, count: 120)
        let encoder = try TextEncoderTests.copyOfModel(in: folder)
        let model = folder.url.appendingPathComponent("trained")
        try Self.train(Self.pipeline(encoder: encoder), dataset, cache: folder.url.appendingPathComponent("cache")).save(to: model)
        _ = try TrainedModel.load(from: model, embeddingCache: nil)

        // Still a valid folder, but not the one the model was trained with.
        let config = encoder.appendingPathComponent("config.json")
        try (try String(contentsOf: config, encoding: .utf8) + "\n").write(to: config, atomically: true, encoding: .utf8)
        let changed = String(describing: Result { try TrainedModel.load(from: model, embeddingCache: nil) }.error)
        #expect(changed.contains("model.json:") && changed.contains("has changed since training") && !changed.contains("\n"), "\(changed)")

        try FileManager.default.removeItem(at: encoder)
        let missing = String(describing: Result { try TrainedModel.load(from: model, embeddingCache: nil) }.error)
        #expect(missing.contains("model.json:") && missing.contains("is missing"), "\(missing)")
    }

    @Test("dense-pifa and pifa+dense cluster labels by embeddings; without an encoder they are parameter errors")
    func denseRepresentations() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dataset = try Self.dataset(in: folder)
        let cache = folder.url.appendingPathComponent("cache")
        for representation in [LabelRepresentation.densePifa, .pifaWithDense] {
            let trained = try Self.train(Self.pipeline(encoder: TextEncoderTests.model, features: .texts,
                                                       representation: representation), dataset, cache: cache)
            #expect(trained.tree.labelCount == dataset.labelCount)
            // TF-IDF features only: the encoder served the label vectors, queries need none.
            #expect(trained.encoder == nil && trained.model.featureCount == trained.vectorizer?.featureCount)
            var plain = Pipeline()
            plain.representation.algorithm = representation
            #expect(throws: XRLinearError.invalidParameter(name: "representation", message: "\(representation.rawValue) needs a text encoder (--encoder DIR)")) {
                try plain.validate()
            }
        }
        let labels = try #require(dataset.train.labels as CSRMatrix?)
        let embeddings = try TextEncoder(folder: TextEncoderTests.model).embed(try #require(dataset.train.texts))
        let vectors = try LabelRepresentation.densePifa.labelVectors(features: nil, labels: labels, embeddings: embeddings)
        #expect(vectors.rows == dataset.labelCount && vectors.cols == 32)
        var plain = Pipeline()
        plain.features.source = .tfidfWithDense
        #expect(throws: XRLinearError.self) { try plain.validate() }
    }

    @Test("Without an encoder nothing changes: model.json has no encoder and auto stays auto")
    func defaultHasNoEncoder() throws {
        let json = String(decoding: try JSONEncoder().encode(Pipeline()), as: UTF8.self)
        #expect(!json.contains("encoder"))
        var p = Pipeline()
        p.features.encoder = EncoderReference(path: "/x", checksum: "0a1b2c3d", maxLength: 64)
        let decoded = try JSONDecoder().decode(Pipeline.self, from: JSONEncoder().encode(p))
        #expect(decoded == p)
        #expect(FeatureSource(name: "tfidf") == .texts && FeatureSource(name: "tfidf+dense") == .tfidfWithDense)
    }
}

private extension Result where Failure == any Error {
    /// The error, or nil on success.
    var error: (any Error)? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
