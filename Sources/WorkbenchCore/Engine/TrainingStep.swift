import XMR

/// One step of a workbench training as the Train screen lists it: the engine's stages, then the
/// evaluation on the test split and the save of the model folder.
public enum TrainingStep: Sendable, Hashable {
    /// A stage of the engine's training (`PipelineTrainer`).
    case engine(TrainingStage)
    /// Scoring the test split (or the training split without one).
    case evaluation
    /// Writing the model folder.
    case saving

    /// The row title in the stage table (at most 14 columns).
    public var title: String {
        switch self {
        case .engine(.encoding): "Encoding"
        case .engine(.tfidf): "TF-IDF fit"
        case .engine(.representation): "Representation"
        case .engine(.clustering): "Clustering"
        case .engine(.matcher(let name)): String("Matcher \(name)".prefix(14))
        case .engine(.level(let t)): "Level \(t)"
        case .engine(.matcherNegatives(let t)): "MAN negs L\(t)"
        case .evaluation: "Evaluation"
        case .saving: "Saving"
        }
    }

    /// What the status line says while the step runs.
    public var activity: String {
        switch self {
        case .engine(let stage): stage.description
        case .evaluation: "evaluation"
        case .saving: "saving the model"
        }
    }
}
