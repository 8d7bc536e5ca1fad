import Foundation
import Testing
@testable import XMR

/// The repository's `sample-data/debtags-small` folder, found from this file's path.
private let debtagsSmall = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-data/debtags-small")

@Suite("The default pipeline trains the same model as before the stages")
struct DefaultPipelineTests {
    /// A folder with the first 800 training points of debtags-small (vectors, texts, labels, names).
    static func subset() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        func lines(_ name: String) throws -> [Substring] {
            try String(contentsOf: debtagsSmall.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
        }
        let train = try lines("train.txt")
        try folder.write("train.txt", (["800 23377 598"] + train[1...800]).joined(separator: "\n") + "\n")
        try folder.write("train_texts.txt", try lines("train_texts.txt")[0..<800].joined(separator: "\n") + "\n")
        try folder.write("train_labels.txt", try lines("train_labels.txt")[0..<800].joined(separator: "\n") + "\n")
        try folder.write("label_names.txt", try String(contentsOf: debtagsSmall.appendingPathComponent("label_names.txt"),
                                                       encoding: .utf8))
        return folder
    }

    /// The CRC-32 of every file of the model folder `pipeline` trains on the subset with seed 0;
    /// for the weight files, of their levels written in the version-2 layout those checksums were
    /// taken in (versions 3 and 4 lay the same arrays out for memory mapping).
    static func checksums(_ pipeline: Pipeline) throws -> [String: String] {
        let data = try subset()
        defer { data.remove() }
        let dataset = try DatasetLoader.load(from: data.url)
        let model = data.url.appendingPathComponent("model")
        try PipelineTrainer(pipeline).train(dataset).save(to: model)
        var sums = try ModelStore.readManifest(in: model).files.mapValues(\.crc32)
        for (i, level) in try ModelStore.load(from: model).levels.enumerated() {
            sums[ModelStore.weightFile(level: i + 1)] = ModelStore.hex(CRC32.checksum(WeightsFormatTests.versionTwoWeights(level, level: i + 1)))
        }
        return sums
    }

    /// Checksums of `xmr train SUBSET --seed 0 --threads 2 [--vectorize]`, computed with the code
    /// of commit 7fd7697, before the pipeline had stages.
    static let before7fd7697Texts = ["tree.bin": "7c5f1da6", "weights-1.bin": "bd984c84", "weights-2.bin": "37dbd54a",
                                     "vectorizer.bin": "bc200874", "label_frequencies.bin": "6e9913c7",
                                     "label_names.txt": "2ce34554"]
    static let before7fd7697Vectors = ["tree.bin": "8e4db406", "weights-1.bin": "041af929", "weights-2.bin": "0653498f",
                                       "label_frequencies.bin": "6e9913c7", "label_names.txt": "2ce34554"]

    @Test("Default pipeline (TF-IDF of the texts): byte-identical files")
    func defaultPipelineOnTexts() throws {
        var pipeline = Pipeline()
        pipeline.threads = 2
        #expect(try Self.checksums(pipeline) == Self.before7fd7697Texts)
    }

    @Test("Default pipeline on the feature vectors: byte-identical files")
    func defaultPipelineOnVectors() throws {
        var pipeline = Pipeline()
        pipeline.threads = 2
        pipeline.features.source = .vectors
        #expect(try Self.checksums(pipeline) == Self.before7fd7697Vectors)
    }
}
