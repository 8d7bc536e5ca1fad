extension WorkbenchReducer {
    /// `p` on the Runs screen: calibrates `run`'s model, unless a training, sweep or calibration runs.
    static func calibrate(_ state: inout WorkbenchState, run: SessionRun) -> [Effect] {
        if state.isTraining || state.runsScreen.sweep.isRunning || state.runsScreen.calibrating != nil {
            state.message = "Wait for the running training, sweep or calibration (c cancels it)"
            return []
        }
        guard (state.data?.testCount ?? 0) > 0 else {
            state.message = "A calibration is measured on the test split, and this dataset has none"
            state.messageIsError = true
            return []
        }
        state.runsScreen.calibrating = run.number
        state.message = "Calibrating run \(run.number): training a copy on 80% of the training split…"
        return [.calibrateRun(run.number)]
    }

    /// The end of a calibration: recorded with its run and shown as its reliability diagram.
    static func applyCalibrationEvent(_ state: inout WorkbenchState, event: WorkbenchEvent) -> [Effect] {
        state.runsScreen.calibrating = nil
        switch event {
        case .calibrationFinished(let number, let calibration):
            guard let index = state.session.runs.firstIndex(where: { $0.number == number }) else { return [] }
            state.session.runs[index].calibration = calibration
            state.runsScreen.showsReliability = true
            state.message = "Run \(number) calibrated: ECE \(Format.decimal(calibration.before.ece)) → "
                + "\(Format.decimal(calibration.after.ece)) on the test split; Query shows probabilities"
            return [.saveSession]
        case .calibrationCancelled:
            state.message = "Calibration cancelled"
        case .calibrationFailed(let reason):
            state.message = "Calibration failed: \(reason)"
            state.messageIsError = true
        default:
            break
        }
        return []
    }
}
