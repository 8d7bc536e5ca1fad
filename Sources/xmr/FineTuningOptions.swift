import ArgumentParser
import XMR

/// The options of `xmr train --matcher neural`: how the encoder is fine-tuned on the label tree.
struct FineTuningOptions: ParsableArguments {
    @Option(help: "Epochs of fine-tuning at each cluster level (default \(FineTuningParameters().epochs)).") var epochs: Int?
    @Option(name: .customLong("batch-size"), help: "Texts per fine-tuning step (default \(FineTuningParameters().batchSize)).") var batchSize: Int?
    @Option(name: .customLong("learning-rate"), help: "The encoder's peak learning rate, after linear warmup, before linear decay (default \(FineTuningParameters().learningRate)).") var learningRate: Float?
    @Option(name: .customLong("head-learning-rate"), help: "The cluster heads' peak learning rate (default \(FineTuningParameters().headLearningRate)).") var headLearningRate: Float?
    @Option(name: .customLong("fine-tune-max-length"), help: "Tokens per text while fine-tuning, [CLS] and [SEP] included (default \(FineTuningParameters().maxLength)).") var fineTuneMaxLength: Int?
    @Option(name: .customLong("freeze-layers"), help: "Keep the embeddings and the bottom K encoder layers fixed (default: half the layers, rounded down; 0 trains all). Their outputs are computed once and cached.") var freezeLayers: Int?
    @Option(help: "The share of each level's steps spent warming up (default \(FineTuningParameters().warmupFraction)).") var warmup: Float?
    @Option(name: .customLong("weight-decay"), help: "AdamW's decoupled weight decay (default \(FineTuningParameters().weightDecay)).") var weightDecay: Float?
    @Option(help: "Dropout on hidden states while fine-tuning (default \(FineTuningParameters().dropout.hidden)).") var dropout: Float?
    @Option(name: .customLong("attention-dropout"), help: "Dropout on attention probabilities while fine-tuning (default \(FineTuningParameters().dropout.attention)).") var attentionDropout: Float?
    @Option(name: .customLong("clip-norm"), help: "Clip the global gradient norm to this (default \(FineTuningParameters().clipNorm); 0: off).") var clipNorm: Float?
    @Option(name: .customLong("checkpoint-every"), help: ArgumentHelp("Save a resumable checkpoint to MODEL.checkpoint every N optimizer steps (atomically; removed once the model is saved). Go on from it with --resume.", valueName: "N")) var checkpointEvery: Int?

    /// Whether any option was given.
    var isEmpty: Bool {
        epochs == nil && batchSize == nil && learningRate == nil && headLearningRate == nil && fineTuneMaxLength == nil
            && freezeLayers == nil && warmup == nil && weightDecay == nil && dropout == nil && attentionDropout == nil && clipNorm == nil
            && checkpointEvery == nil
    }

    /// The parameters these options give (defaults for the rest).
    func parameters() -> FineTuningParameters {
        var p = FineTuningParameters()
        if let epochs { p.epochs = epochs }
        if let batchSize { p.batchSize = batchSize }
        if let learningRate { p.learningRate = learningRate }
        if let headLearningRate { p.headLearningRate = headLearningRate }
        if let fineTuneMaxLength { p.maxLength = fineTuneMaxLength }
        if let freezeLayers { p.frozenLayers = freezeLayers }
        if let warmup { p.warmupFraction = warmup }
        if let weightDecay { p.weightDecay = weightDecay }
        if let dropout { p.dropout.hidden = dropout }
        if let attentionDropout { p.dropout.attention = attentionDropout }
        if let clipNorm { p.clipNorm = clipNorm }
        if let checkpointEvery { p.checkpointEvery = checkpointEvery }
        return p
    }
}
