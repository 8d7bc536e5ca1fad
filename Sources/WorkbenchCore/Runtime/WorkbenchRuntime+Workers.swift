import Foundation
import XMR

@available(macOS 15.0, *)
extension WorkbenchRuntime {
    /// Loads the dataset and computes its overview on a worker thread.
    func startLoading(_ url: URL) {
        let engine = self.engine
        let slot = datasetLoad
        Thread.detachNewThread {
            slot.put(Result { DatasetOverview(dataset: try engine.loadDataset(at: url)) })
        }
    }

    /// Starts a training on a detached thread that publishes into a fresh channel.
    func startTraining(_ parameters: Pipeline) {
        guard let data = state.data else { return }
        // Skip numbers whose folder exists (left by another workbench on this session), so a
        // training never overwrites a model that some session file may still point to.
        while FileManager.default.fileExists(atPath: store.url(ofModelFolder: state.session.nextModelFolder).path) {
            _ = apply(.modelFolderTaken(state.session.nextModelFolder))
        }
        let channel = TrainingChannel()
        training = channel
        let engine = self.engine
        let folder = store.url(ofModelFolder: state.session.nextModelFolder)
        Thread.detachNewThread {
            do {
                // The engine writes the run's model folder, so a resumed session loads it instead of retraining.
                let trained = try engine.train(data.dataset, pipeline: parameters, modelFolder: folder,
                                               progress: { channel.publish($0) },
                                               cancel: channel.cancellation)
                let tree = Self.treeOverview(of: trained, data: data)
                var snapshot = channel.progress
                snapshot.phase = .finished
                channel.finish(.finished(snapshot, trained, tree))
            } catch XRLinearError.cancelled {
                channel.finish(.cancelled(channel.progress))
            } catch {
                channel.finish(channel.isCancelled ? .cancelled(channel.progress) : .failed(Self.describe(error)))
            }
        }
    }

    /// What a worker needs to work on run `number`'s model: the model in memory when it is that
    /// run's, else the way to load it from its folder (on the worker).
    struct RunModel: Sendable {
        let engine: any WorkbenchEngine
        let loaded: (any TrainedWorkbenchModel)?
        let run: SessionRun
        let folder: URL
        let dataset: Dataset
        let threads: Int

        /// The model: the one in memory, or loaded from the run's folder.
        func model() throws -> any TrainedWorkbenchModel {
            try loaded ?? engine.loadModel(at: folder, dataset: dataset, summary: run.trainingSummary)
        }
    }

    /// Run `number`'s model for a worker, nil when the run or the dataset is missing.
    func runModel(_ number: Int) -> RunModel? {
        guard let data = state.data, let run = state.session.run(numbered: number) else { return nil }
        return RunModel(engine: engine, loaded: modelRun == number ? model : nil, run: run,
                        folder: store.url(ofModelFolder: run.modelFolder), dataset: data.dataset,
                        threads: state.trainScreen.parameters.threads)
    }

    /// Sweeps beam widths on run `number`'s model on a worker thread.
    func startSweep(run number: Int, widths: [Int]) {
        guard let job = runModel(number) else { return }
        let channel = SweepChannel()
        sweep = channel
        Thread.detachNewThread {
            do {
                let result = try job.model().sweepBeamWidths(widths, dataset: job.dataset, threads: job.threads,
                                                             progress: { channel.publish($0) },
                                                             cancel: channel.cancellation)
                channel.finish(.finished(run: number, sweep: result))
            } catch XRLinearError.cancelled {
                channel.finish(.cancelled)
            } catch {
                channel.finish(channel.isCancelled ? .cancelled : .failed(Self.describe(error)))
            }
        }
    }

    /// Calibrates run `number`'s model on a worker thread; the model in memory then reports probabilities.
    func startCalibration(run number: Int) {
        guard let job = runModel(number) else { return }
        let calibrating = (cancel: CancellationToken(),
                           result: WorkerSlot<(run: Int, result: Result<(RunCalibration, any TrainedWorkbenchModel), any Error>)>())
        calibration = calibrating
        Thread.detachNewThread {
            let result = Result { () throws -> (RunCalibration, any TrainedWorkbenchModel) in
                try job.model().calibrate(dataset: job.dataset, modelFolder: job.folder, threads: job.threads,
                                          cancel: calibrating.cancel)
            }
            calibrating.result.put((number, result))
        }
    }

    /// Applies whatever the workers published since the last tick; true when the state changed.
    func pollWorkers() -> Bool {
        var changed = false
        var effects: [Effect] = []
        if let result = datasetLoad.take() {
            changed = true
            switch result {
            case .success(let overview): effects += apply(.datasetLoaded(overview))
            case .failure(let error): effects += apply(.datasetFailed(Self.describe(error)))
            }
        }
        if let channel = training {
            if let update = channel.take() {
                changed = true
                effects += takeTraining(update)
            } else if let clock = trainingClock(channel) {
                // Between the worker's reports (a long stage has none), the running step's time still moves.
                changed = true
                effects += apply(.trainingProgressed(clock))
            }
        }
        if let loaded = modelLoad.take() {
            changed = true
            switch loaded.result {
            case .success(let (trained, tree)):
                model = trained
                modelRun = loaded.run
                effects += apply(.runModelLoaded(run: loaded.run, tree: tree))
            case .failure(let error):
                effects += apply(.runModelFailed(Self.describe(error)))
            }
        }
        if let channel = sweep, let update = channel.take() {
            changed = true
            effects += takeSweep(update)
        }
        if let job = calibration, let finished = job.result.take() {
            changed = true
            calibration = nil
            switch finished.result {
            case .success(let (record, calibrated)):
                if modelRun == finished.run { model = calibrated }
                effects += apply(.calibrationFinished(run: finished.run, record))
            case .failure(XRLinearError.cancelled):
                effects += apply(.calibrationCancelled)
            case .failure(let error):
                effects += apply(job.cancel.isCancelled ? .calibrationCancelled : .calibrationFailed(Self.describe(error)))
            }
        }
        // A worker's result never quits the workbench (no event asks for it).
        _ = perform(effects)
        return changed
    }

    /// The last snapshot with the time now, at most 4 times a second (nil in between).
    private func trainingClock(_ channel: TrainingChannel) -> TrainingSnapshot? {
        let now = ContinuousClock.now
        guard now - lastClockTick >= .milliseconds(250) else { return nil }
        lastClockTick = now
        var snapshot = channel.progress
        let elapsed = now - channel.startedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        snapshot.elapsedSeconds = max(snapshot.elapsedSeconds, seconds)
        return snapshot
    }

    /// Applies a training update; the channel closes when the training ended.
    private func takeTraining(_ update: TrainingChannel.Update) -> [Effect] {
        switch update {
        case .progress(let snapshot):
            return apply(.trainingProgressed(snapshot))
        case .finished(let snapshot, let trained, let tree):
            model = trained
            modelRun = state.session.nextRunNumber
            training = nil
            return apply(.trainingFinished(snapshot, trained.summary, tree))
        case .cancelled(let snapshot):
            training = nil
            return apply(.trainingCancelled(snapshot))
        case .failed(let reason):
            training = nil
            return apply(.trainingFailed(reason))
        }
    }

    /// Applies a sweep update; the channel closes when the sweep ended.
    private func takeSweep(_ update: SweepChannel.Update) -> [Effect] {
        switch update {
        case .progress(let progress):
            return apply(.sweepProgressed(progress))
        case .finished(let run, let result):
            sweep = nil
            return apply(.sweepFinished(run: run, sweep: result))
        case .cancelled:
            sweep = nil
            return apply(.sweepCancelled)
        case .failed(let reason):
            sweep = nil
            return apply(.sweepFailed(reason))
        }
    }
}
