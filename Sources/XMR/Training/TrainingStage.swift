/// A stage of a training, as `TrainingProgress.stageStarted` reports it. A stage runs until the
/// next one starts (or the training ends), so the stages' times add up to the training's.
public enum TrainingStage: Sendable, Hashable {
    /// Embedding the training texts with the pipeline's text encoder (`.encoding` reports texts done).
    case encoding
    /// Fitting the TF-IDF vectorizer on the training texts and vectorizing them.
    case tfidf
    /// Building the label representation (label vectors).
    case representation
    /// Building the label tree from the label vectors.
    case clustering
    /// Training the matcher named `name` (`MatcherAlgorithm`'s name). A linear matcher's levels
    /// are stages of their own (`level`), so its stage is the packing of the training rows before them.
    case matcher(String)
    /// Training the rankers of tree level `t` (1 = the root's children).
    case level(Int)
    /// Beam search of the trained levels over the training points: the matcher-aware (MAN)
    /// negatives of level `t`.
    case matcherNegatives(level: Int)
}
