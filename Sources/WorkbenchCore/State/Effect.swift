import XMR

/// Work the reducer asks the app to do; the app reports back with `WorkbenchEvent`s.
public enum Effect: Sendable, Hashable {
    /// Leave the workbench (the app saves the session first).
    case quit
    /// Load the session's dataset (on a worker; `datasetLoaded` or `datasetFailed` follows).
    case loadDataset
    /// Start training with these parameters on the loaded dataset.
    case startTraining(Pipeline)
    /// Cancel the running training.
    case cancelTraining
    /// Answer a query with the trained model.
    case runQuery(QueryRequest)
    /// Save the session file now (after a run, a sweep, a delete, a model switch).
    case saveSession
    /// Load the model of run N from its folder (Tree and Query then use it).
    case loadRun(Int)
    /// Forget the loaded model (its run was deleted and no other run is left).
    case unloadModel
    /// Delete a run's model folder (its path relative to the sessions directory).
    case deleteModelFolder(String)
    /// Sweep beam widths on run N's model.
    case sweepBeamWidths(run: Int, widths: [Int])
    /// Cancel the running beam-width sweep.
    case cancelSweep
    /// Fit a calibration for run N's model (its file goes into the run's model folder).
    case calibrateRun(Int)
    /// Cancel the running calibration.
    case cancelCalibration
}
