/// Something the engine side reports to the state (training progress, results, answers).
public enum WorkbenchEvent: Sendable {
    /// A dataset was loaded.
    case datasetLoaded(DatasetOverview)
    /// The dataset could not be loaded.
    case datasetFailed(String)
    /// New progress of the running training.
    case trainingProgressed(TrainingSnapshot)
    /// The training finished; the tree overview describes the new model's tree.
    case trainingFinished(TrainingSnapshot, TrainingSummary, TreeOverview)
    /// The training stopped after a cancel.
    case trainingCancelled(TrainingSnapshot)
    /// The training failed.
    case trainingFailed(String)
    /// A query was answered.
    case queryAnswered(QueryResult)
    /// A query could not be answered.
    case queryFailed(String)
}
