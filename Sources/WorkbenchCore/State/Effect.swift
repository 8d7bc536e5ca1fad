/// Work the reducer asks the app to do; the app reports back with `WorkbenchEvent`s.
public enum Effect: Sendable, Hashable {
    /// Leave the workbench.
    case quit
    /// Start training with these parameters on the loaded dataset.
    case startTraining(TrainingParameters)
    /// Cancel the running training.
    case cancelTraining
    /// Answer a query with the trained model.
    case runQuery(QueryRequest)
}
