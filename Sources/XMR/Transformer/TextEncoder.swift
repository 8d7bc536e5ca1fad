import Foundation
import Synchronization

/// A BERT-family sentence encoder read from a Hugging Face model folder: WordPiece, the
/// transformer forward pass over OpenBLAS, mean or [CLS] pooling, then l2 normalization.
public final class TextEncoder: Sendable {
    /// The folder it was read from.
    public let folder: URL
    /// The architecture from `config.json`.
    public let configuration: BertConfiguration
    /// The tokenizer from `vocab.txt` and `tokenizer_config.json`.
    public let tokenizer: WordPieceTokenizer
    /// The pooling from `1_Pooling/config.json` (mean when the folder has none).
    public let pooling: PoolingMode
    let model: BertModel
    /// The checksum of fine-tuned weights that did not come from `folder` (nil: the folder's files decide).
    let weightsChecksum: String?

    /// Width of an embedding.
    public var dimension: Int { configuration.hiddenSize }

    /// The files an encoder folder is read from, in the order they are read.
    public static let requiredFiles = ["config.json", "vocab.txt", "model.safetensors"]

    /// Reads an encoder folder: `config.json`, `vocab.txt`, optional `tokenizer_config.json`,
    /// `model.safetensors` (memory-mapped), optional `1_Pooling/config.json`. Anything missing,
    /// malformed or unsupported throws `EncoderError.badFile` naming the file and field.
    public init(folder: URL) throws {
        self.folder = folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw EncoderError.badFile(path: folder.path, message: "not an encoder folder (no such directory)")
        }
        let configURL = folder.appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw EncoderError.badFile(path: configURL.path, message: "missing: an encoder folder needs config.json, vocab.txt and model.safetensors")
        }
        configuration = try BertConfiguration(contentsOf: configURL)
        tokenizer = try WordPieceTokenizer(folder: folder)
        guard tokenizer.vocabulary.count <= configuration.vocabularySize else {
            throw EncoderError.badFile(path: folder.appendingPathComponent("vocab.txt").path,
                                       message: "\(tokenizer.vocabulary.count) tokens, more than config.json's vocab_size \(configuration.vocabularySize)")
        }
        let weightsURL = folder.appendingPathComponent("model.safetensors")
        guard FileManager.default.fileExists(atPath: weightsURL.path) else {
            let hasBin = FileManager.default.fileExists(atPath: folder.appendingPathComponent("pytorch_model.bin").path)
            throw EncoderError.badFile(path: weightsURL.path, message: hasBin
                ? "missing (pytorch_model.bin is not supported; convert it to safetensors)" : "missing")
        }
        model = try BertModel(configuration: configuration, weights: SafetensorsFile(weightsURL))
        let poolingURL = folder.appendingPathComponent("1_Pooling/config.json")
        pooling = FileManager.default.fileExists(atPath: poolingURL.path) ? try PoolingMode(contentsOf: poolingURL) : .mean
        weightsChecksum = nil
    }

    /// `base`'s architecture, tokenizer and pooling over other weights (a fine-tuned copy), whose
    /// `checksum()` is `weightsChecksum`.
    init(base: TextEncoder, model: BertModel, weightsChecksum: String) {
        folder = base.folder
        configuration = base.configuration
        tokenizer = base.tokenizer
        pooling = base.pooling
        self.model = model
        self.weightsChecksum = weightsChecksum
    }

    /// The l2-normalized embeddings of `texts`, one row each, in order.
    ///
    /// `progress` is called with the number of texts done after each batch, from worker threads.
    /// Throws `EncoderError.cancelled` when `cancellation` is set, and `invalidParameter` for bad options.
    public func embed(_ texts: [String], options: EncodingOptions = EncodingOptions(),
                      cancellation: CancellationToken? = nil,
                      progress: (@Sendable (Int) -> Void)? = nil) throws -> DenseMatrix {
        guard options.batchSize >= 1 else { throw EncoderError.invalidParameter(name: "batch-size", message: "must be at least 1") }
        guard options.maxLength >= 2 && options.maxLength <= configuration.maxPositions else {
            throw EncoderError.invalidParameter(name: "max-length", message: "must be 2–\(configuration.maxPositions) (the model's positions)")
        }
        guard options.threads >= 0, options.threads <= maximumThreadCount else {
            throw EncoderError.invalidParameter(name: "threads", message: "must be 0 (all cores) to \(maximumThreadCount)")
        }
        let threads = resolvedThreadCount(options.threads)
        let sequences = tokenize(texts, maxLength: options.maxLength, threads: threads)
        let order = sequences.indices.sorted { (sequences[$0].count, $0) < (sequences[$1].count, $1) }
        let batches = stride(from: 0, to: order.count, by: options.batchSize).map { Array(order[$0..<min(order.count, $0 + options.batchSize)]) }
        let workers = max(1, min(threads, batches.count))
        let output = ResultSlots<Float>(count: texts.count * dimension, initial: 0)
        let next = Atomic<Int>(0), done = Atomic<Int>(0)
        // Workers run their own batches, one OpenBLAS thread per product: with another count the
        // products round differently, and a spectral representation computed alongside would too.
        BLAS.withThreadCount(1) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let hidden = ActivationBuffer(), activations = [LayerActivations()]
                while cancellation?.isCancelled != true {
                    let b = next.add(1, ordering: .relaxed).oldValue
                    guard b < batches.count else { break }
                    let batch = TokenBatch(batches[b].map { sequences[$0] })
                    model.forward(batch, hidden: hidden, activations: activations)
                    for (s, text) in batches[b].enumerated() {
                        pool(batch, sequence: s, hidden: hidden.pointer, into: output.pointer + text * dimension)
                    }
                    let finished = done.add(batches[b].count, ordering: .relaxed).newValue
                    progress?(finished)
                }
            }
        }
        if cancellation?.isCancelled == true { throw EncoderError.cancelled }
        return try DenseMatrix(rows: texts.count, columns: dimension, values: output.array())
    }

    /// The token ids of every text ([CLS] … [SEP], truncated), computed on `threads` threads.
    func tokenize(_ texts: [String], maxLength: Int, threads: Int) -> [[Int32]] {
        let slots = ResultSlots<[Int32]>(count: texts.count, initial: [])
        let workers = max(1, min(threads, texts.count / 64))
        let tokenizer = tokenizer
        runParallel(workers: workers) { w in
            for i in stride(from: w, to: texts.count, by: workers) { slots.pointer[i] = tokenizer.encode(texts[i], maxLength: maxLength) }
        }
        return slots.array()
    }

    /// Writes sequence `s`'s pooled, l2-normalized vector into `target`.
    private func pool(_ batch: TokenBatch, sequence s: Int, hidden: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        _ = pooling.pool(hidden, start: batch.offsets[s], length: batch.length(s), width: dimension, into: target)
    }
}
