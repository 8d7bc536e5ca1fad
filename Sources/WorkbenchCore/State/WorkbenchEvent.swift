import XMR

/// Something the engine side reports to the state (training progress, results, answers).
public enum WorkbenchEvent: Sendable {
    /// The workbench opened `opening`'s session, kept in the sessions directory shown as `sessionsDirectory`.
    case sessionOpened(SessionOpening, sessionsDirectory: String)
    /// The session file could not be saved.
    case sessionSaveFailed(String)
    /// A deleted run's model folder could not be removed.
    case modelFolderKept(String)
    /// The next run's model folder (relative to the sessions directory) already exists, so the
    /// run takes the next number.
    case modelFolderTaken(String)
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
    /// The line editor of `prompt` now shows `text` with the cursor before character `cursor`,
    /// after `label` (readline's prompt, e.g. its Ctrl-R search; nil for the usual one).
    case lineEdited(LinePrompt, text: String, cursor: Int, label: String?)
    /// The line editor of `prompt` submitted `line` (Enter).
    case lineSubmitted(LinePrompt, String)
    /// The user left the line editor of `prompt` (Esc).
    case lineCancelled(LinePrompt)
    /// The session was copied to `name` (the committed example is never changed by use): from now
    /// on everything is saved there.
    case sessionCopied(from: String, to: String)
    /// A query was answered.
    case queryAnswered(QueryResult)
    /// A query could not be answered.
    case queryFailed(String)
    /// Run N's model was loaded from its folder; the overview describes its tree.
    case runModelLoaded(run: Int, tree: TreeOverview)
    /// A run's model could not be loaded.
    case runModelFailed(String)
    /// New progress of the beam-width sweep.
    case sweepProgressed(BeamWidthSweep.Progress)
    /// The sweep of run N finished.
    case sweepFinished(run: Int, sweep: BeamWidthSweep)
    /// The sweep stopped after a cancel.
    case sweepCancelled
    /// The sweep failed.
    case sweepFailed(String)
    /// Run N's calibration was fitted (and written to its model folder).
    case calibrationFinished(run: Int, RunCalibration)
    /// The calibration stopped after a cancel.
    case calibrationCancelled
    /// The calibration failed.
    case calibrationFailed(String)
}
