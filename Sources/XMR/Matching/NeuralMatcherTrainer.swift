import Foundation

/// Trains the neural matcher: fine-tunes the pipeline's encoder on the label tree, coarse to fine
/// (`ClusterFineTuner`), then re-embeds the training texts with it, so that the ranker trains on
/// [TF-IDF ⊕ fine-tuned embedding] and, with `man` negatives, on the clusters the matcher reaches.
public struct NeuralMatcherTrainer: MatcherTrainer {
    /// The pipeline (its encoder, `matcher.fineTuning`, beam width and post-processor).
    public var pipeline: Pipeline

    /// Where a resumable checkpoint is written every `fineTuning.checkpointEvery` optimizer steps
    /// (nil: none). A file there that is not an xmr checkpoint is never replaced.
    public var checkpointFile: URL?
    /// The checkpoint to go on from and its file, read once by `resume(from:)`.
    private var resumed: (checkpoint: FineTuningCheckpoint, file: URL)?

    /// A trainer for `pipeline`.
    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// Throws unless `file` is absent or an xmr fine-tuning checkpoint (what a checkpoint may replace).
    public static func checkCheckpointReplaceable(_ file: URL) throws { try FineTuningCheckpoint.checkReplaceable(file) }

    /// Reads the checkpoint `file` to go on from, refusing one that is not an xmr fine-tuning
    /// checkpoint or is damaged. When training reaches it, it must come from the same encoder,
    /// tree, data, parameters, seed and thread count, and is refused naming the file otherwise.
    public mutating func resume(from file: URL) throws { resumed = (try FineTuningCheckpoint.read(file), file) }

    /// Removes `file` if it is an xmr fine-tuning checkpoint (once the model it led to is saved).
    public static func removeCheckpoint(_ file: URL) { FineTuningCheckpoint.remove(file) }

    /// Fine-tunes on `input.texts`; `input.features` must end with the encoder's embedding columns
    /// (features `dense` or `tfidf+dense`).
    public func train(_ input: TrainingInput, tree: LabelTree, needsMatchedClusters: Bool,
                      context: StageContext) throws -> MatcherTraining {
        guard let reference = pipeline.encoder, pipeline.features.source.embedsTexts(hasEncoder: true) else {
            throw XRLinearError.invalidParameter(name: "matcher", message: "neural needs an encoder (--encoder DIR) and features dense or tfidf+dense")
        }
        guard let texts = input.texts, texts.count == input.labels.rows else {
            throw XRLinearError.invalidParameter(name: "matcher", message: "neural fine-tunes on the training texts, but the training split has none (train_texts.txt)")
        }
        let base = try reference.open()
        guard input.features.cols >= base.dimension else {
            throw XRLinearError.invalidInput("the features have \(input.features.cols) columns, fewer than the encoder's \(base.dimension)")
        }
        var tuner = ClusterFineTuner(encoder: base, texts: texts, labels: input.labels, tree: tree,
                                     parameters: pipeline.matcher.fineTuning ?? FineTuningParameters(),
                                     beamWidth: pipeline.matcher.beamWidth, postProcessor: pipeline.postProcessor,
                                     seed: UInt64(truncatingIfNeeded: context.seed), threads: context.threads)
        tuner.progress = { event in context.progress?(.fineTuning(event)) }
        tuner.cancel = context.cancel
        tuner.checkpointFile = checkpointFile
        tuner.resume = resumed?.checkpoint
        tuner.resumeFile = resumed?.file
        let result = try tuner.run()
        var crc = CRC32()
        crc.update(UnsafeRawBufferPointer(UnsafeBufferPointer(result.parameters.buffer)))
        let checksum = (try base.checksum()) + String(format: "-ft%08x", crc.value)
        let matcher = NeuralMatcher(model: BertModel(layout: result.layout, parameters: result.parameters), heads: result.heads,
                                    tree: tree, postProcessor: pipeline.postProcessor, weightsChecksum: checksum)
        let encoder = try matcher.encoder(over: base)
        try context.checkCancellation()
        context.progress?(.encoding(done: 0, total: texts.count))
        let embeddings = try encoder.embed(texts, options: EncodingOptions(maxLength: reference.maxLength, threads: context.threads),
                                           cancellation: context.cancel) { done in context.progress?(.encoding(done: done, total: texts.count)) }
        let sparse = input.features.columns(below: input.features.cols - base.dimension)
        var features = try FeatureConcatenation.concatenate(sparse, embeddings)
        if pipeline.features.normalizeRows { features = features.l2NormalizedRows() }
        var matched: MatchedClusters?
        if needsMatchedClusters && tree.depth >= 2 {
            try context.checkCancellation()
            let beams = matcher.matchBatch(QueryBatch(features: features), beamWidth: pipeline.matcher.beamWidth,
                                           threads: context.threads, recorded: nil)
            matched = MatchedClusters(beams, clusterCount: tree.nodeCount(atLevel: tree.depth - 1))
        }
        let empty = (1..<tree.depth).map { LevelWeights.empty(dimension: features.cols + 1, parents: tree.nodeCount(atLevel: $0 - 1)) }
        var training = MatcherTraining(matcher: matcher, linearLevels: empty, matchedClusters: matched)
        training.rankerFeatures = features
        training.encoder = encoder
        training.fineTuning = FineTuningReport(seconds: result.seconds, examples: result.examples, epochLosses: result.epochLosses)
        return training
    }
}
