/// The settings of fine-tuning the encoder as a cluster matcher (XR-Transformer style): per level
/// of the label tree, `epochs` passes over the training texts in batches.
///
/// The defaults are the settings measured to beat frozen `tfidf+dense` on
/// `sample-data/debtags-small` with all-MiniLM-L6-v2 (README, *Fine-tuned neural matcher*).
public struct FineTuningParameters: Sendable, Hashable, Codable {
    /// Passes over the training texts at each cluster level.
    public var epochs: Int = 4
    /// Texts per optimizer step.
    public var batchSize: Int = 16
    /// The encoder's peak learning rate (after warmup).
    public var learningRate: Float = 1e-4
    /// The cluster heads' peak learning rate (they start untrained, so they learn faster).
    public var headLearningRate: Float = 0.03
    /// Tokens per text during fine-tuning, [CLS] and [SEP] included.
    public var maxLength: Int = 32
    /// The share of each level's steps spent warming the learning rate up from 0.
    public var warmupFraction: Float = 0.1
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0.01
    /// Dropout on hidden states and attention probabilities during fine-tuning (off at inference).
    public var dropout = DropoutRates(hidden: 0.1, attention: 0.1)
    /// The bottom layers kept fixed, with the embeddings (0 trains everything; nil: half the
    /// encoder's layers, rounded down). Their outputs are computed once and cached, and they run
    /// without dropout.
    public var frozenLayers: Int? = nil
    /// The global gradient norm is clipped to this (0 turns clipping off).
    public var clipNorm: Float = 1
    /// Save a resumable checkpoint every this many optimizer steps (0: never).
    public var checkpointEvery: Int = 0

    /// The defaults.
    public init() {}

    /// The bottom layers kept fixed for an encoder of `layerCount` layers.
    public func frozenLayers(of layerCount: Int) -> Int { frozenLayers ?? layerCount / 2 }

    /// Throws `XRLinearError.invalidInput` naming the first parameter out of range.
    public func validate(layerCount: Int? = nil, maxPositions: Int? = nil) throws {
        func fail(_ name: String, _ message: String) -> XRLinearError { .invalidParameter(name: name, message: message) }
        guard epochs >= 1 && epochs <= 1000 else { throw fail("epochs", "must be 1–1000, got \(epochs)") }
        guard batchSize >= 1 && batchSize <= 4096 else { throw fail("batch-size", "must be 1–4096, got \(batchSize)") }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 1 else { throw fail("learning-rate", "must be in (0, 1], got \(learningRate)") }
        guard headLearningRate.isFinite, headLearningRate > 0, headLearningRate <= 10 else {
            throw fail("head-learning-rate", "must be in (0, 10], got \(headLearningRate)")
        }
        guard maxLength >= 2 && maxLength <= (maxPositions ?? 512) else {
            throw fail("max-length", "must be 2–\(maxPositions ?? 512), got \(maxLength)")
        }
        guard warmupFraction >= 0 && warmupFraction < 1 else { throw fail("warmup", "must be in [0, 1), got \(warmupFraction)") }
        guard weightDecay >= 0 && weightDecay < 1 else { throw fail("weight-decay", "must be in [0, 1), got \(weightDecay)") }
        for (name, rate) in [("dropout", dropout.hidden), ("attention-dropout", dropout.attention)] where !(rate >= 0 && rate < 1) {
            throw fail(name, "must be in [0, 1), got \(rate)")
        }
        if let frozenLayers, !(frozenLayers >= 0 && frozenLayers <= (layerCount ?? 1000)) {
            throw fail("freeze-layers", "must be 0–\(layerCount ?? 1000) (the encoder's layers), got \(frozenLayers)")
        }
        guard clipNorm.isFinite && clipNorm >= 0 else { throw fail("clip-norm", "must be at least 0, got \(clipNorm)") }
        guard checkpointEvery >= 0 else { throw fail("checkpoint-every", "must be at least 0, got \(checkpointEvery)") }
    }
}
