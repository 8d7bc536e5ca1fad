import Foundation

/// The fine-tuned transformer matcher (XR-Transformer style): one linear head per cluster level
/// over the fine-tuned encoder's l2-normalized embedding, searched level by level with a beam.
///
/// It reads a query's embedding from the dense part of its feature row (the last `width`
/// columns, renormalized): the model's featurizer embeds queries with the fine-tuned encoder
/// (`encoder(over:)`), so the matcher and the ranker see the same embedding.
public struct NeuralMatcher: StoredMatcher {
    /// The beam search over the heads.
    let search: NeuralBeamSearch
    /// The fine-tuned encoder weights.
    let model: BertModel
    /// A checksum of those weights (the embedding cache's key for this encoder).
    public let weightsChecksum: String

    /// The file name in a model folder.
    public static let fileName = "matcher-neural.safetensors"

    /// A matcher over fine-tuned `model` and `heads` (levels 1...heads.count of `tree`) in a
    /// pipeline whose post-processor is `postProcessor` (the path scores follow `pathScore(under:)`).
    init(model: BertModel, heads: [ClusterHeadWeights], tree: LabelTree, postProcessor: PostProcessor, weightsChecksum: String) {
        self.model = model
        search = NeuralBeamSearch(heads: heads, tree: tree, postProcessor: Self.pathScore(under: postProcessor))
        self.weightsChecksum = weightsChecksum
    }

    /// How the heads' logits become path scores under the pipeline's post-processor `pipeline`:
    /// always through a sigmoid (the heads are trained with binary cross-entropy, so a logit is a
    /// log-odds, not an SVM margin), in log space (`log-sigmoid`) when the pipeline adds along
    /// paths, multiplied (`sigmoid`) otherwise, so the ranker can combine its scores with them.
    static func pathScore(under pipeline: PostProcessor) -> PostProcessor {
        switch pipeline {
        case .logL3Hinge, .logSigmoid: .logSigmoid
        case .l3Hinge, .sigmoid, .noop: .sigmoid
        }
    }

    /// Width of an embedding.
    public var width: Int { model.configuration.hiddenSize }
    /// The trained heads, level 1 first.
    public var heads: [ClusterHeadWeights] { search.heads }
    /// The level the returned clusters are at.
    var level: Int { search.heads.count }

    /// "matcher-neural.safetensors".
    public var fileName: String { Self.fileName }

    /// `base` (the encoder the model was trained from) running the fine-tuned weights; a base of
    /// another architecture is refused.
    public func encoder(over base: TextEncoder) throws -> TextEncoder {
        guard base.configuration == model.configuration else {
            throw XRLinearError.invalidModelFile(file: base.folder.path, message: "is not the encoder the neural matcher was fine-tuned from (another architecture)")
        }
        return TextEncoder(base: base, model: model, weightsChecksum: weightsChecksum)
    }

    /// The clusters of a query, from the embedding in its feature row.
    public func match(_ query: Query, beamWidth: Int, onLevel: ((BeamTrace.Level) -> Void)?) -> [NodeScore] {
        let embedding = Self.embedding(of: query.features, width: width)
        return embedding.withUnsafeBufferPointer { search.clusters(of: $0.baseAddress!, beamWidth: beamWidth, onLevel: onLevel) }
    }

    /// The clusters of every query, on `threads` threads.
    public func matchBatch(_ queries: QueryBatch, beamWidth: Int, threads: Int, recorded: BeamRecording?) -> ClusterBeams {
        let count = queries.count
        guard level >= 1 else { return ClusterBeams(rootsFor: count, stride: 1, rootScore: search.postProcessor.rootScore) }
        let slots = ResultSlots<[NodeScore]>(count: count, initial: [])
        let workers = max(1, min(resolvedThreadCount(threads), count))
        runParallel(workers: workers) { w in
            for q in stride(from: w, to: count, by: workers) {
                let embedding = Self.embedding(of: queries.features.row(q), width: width)
                var kept: [[Int32]] = []
                slots.pointer[q] = embedding.withUnsafeBufferPointer {
                    search.clusters(of: $0.baseAddress!, beamWidth: beamWidth, onLevel: nil,
                                    kept: recorded == nil ? nil : { _, beam in kept.append(beam.map { Int32($0.node) }) })
                }
                if let recorded { recorded.slots.pointer[q] = kept }
            }
        }
        return ClusterBeams(slots.array(), level: level)
    }

    /// The l2-normalized last `width` columns of `features`.
    static func embedding(of features: SparseVector, width: Int) -> [Float] {
        var embedding = [Float](repeating: 0, count: width)
        let start = features.dimension - width
        for (index, value) in zip(features.indices, features.values) where Int(index) >= start {
            embedding[Int(index) - start] = value
        }
        let norm = embedding.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in embedding.indices { embedding[i] /= norm } }
        return embedding
    }
}
