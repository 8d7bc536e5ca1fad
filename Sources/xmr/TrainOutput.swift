import XMR

/// The JSON shape of `xmr train --json`.
struct TrainOutput: Encodable {
    struct Level: Encodable {
        var level: Int
        var nodes: Int
        var nonzeros: Int
        var seconds: Double
    }
    var trainSeconds: Double
    var clusteringSeconds: Double
    var modelBytes: Int
    var levels: [Level]
    var nonzeros: Int
    var points: Int
    var features: Int
    var labels: Int
    var model: String
    var parameters: Pipeline
    /// Seconds spent fitting the TF-IDF vectorizer and vectorizing, when the model vectorizes raw text.
    var vectorizeSeconds: Double?
    /// Seconds spent embedding the training texts (cache reads included), when the pipeline has an encoder.
    var encodeSeconds: Double?
    /// Fine-tuning's time, texts per second and losses, with `--matcher neural` (included in `trainSeconds`).
    var fineTuning: FineTuningReport?
}
