import Foundation
import XMR

extension XRWorkbenchModel {
    /// Fits an isotonic calibration for this model as `xmr calibrate` does by default: 20% of the
    /// training split (seed 0) is held out from a copy of the model trained on the rest, and the
    /// copy's top-k predictions for those unseen points are the fitting data. Measures it on the
    /// test split, writes `calibration.json` to `modelFolder` (this model's folder), and returns
    /// the record with the model that now reports probabilities.
    public func calibrate(dataset: Dataset, modelFolder: URL, threads: Int,
                          cancel: CancellationToken) throws -> (RunCalibration, any TrainedWorkbenchModel) {
        guard let testFeatures, let test = dataset.test, test.count > 0 else { throw XRWorkbenchEngineError.noTestSplit }
        let checksum = try CalibrationFile.modelChecksum(ofModel: modelFolder)
        let split = try HeldOutSplit(dataset.train, share: 0.2, seed: 0)
        var rest = dataset
        rest.train = split.rest
        rest.test = nil
        let copy = try PipelineTrainer(trained.pipeline).train(rest, cancel: cancel)
        if cancel.isCancelled { throw XRLinearError.cancelled }
        let held = QueryBatch(features: try copy.features(of: split.held, name: "held-out"), texts: split.held.texts)
        let fitRankings = try copy.predictBatch(held, threads: threads).rankings
        let fitting = CalibrationSample(rankings: fitRankings, truth: split.held.labels)
        let tested = try trained.predictBatch(QueryBatch(features: testFeatures, texts: test.texts), threads: threads).rankings
        let testSample = CalibrationSample(rankings: tested, truth: test.labels)
        guard fitting.count > 0 else {
            throw XRLinearError.invalidInput("the held-out training points got no predictions to fit a calibration on")
        }
        let method = CalibrationMethod.isotonic
        let calibration = ScoreCalibration.fit(method, on: fitting)
        let fittedOn = "\(split.heldCount) training points (20%, seed 0) held out from a copy trained on the other \(split.rest.count)"
        try CalibrationFile(calibration: calibration, modelChecksum: checksum, fittedOn: fittedOn,
                            predictions: fitting.count, beamWidth: trained.pipeline.matcher.beamWidth,
                            topK: trained.pipeline.ranker.topK).write(toModel: modelFolder)
        var record = RunCalibration(
            method: method, fittedOn: fittedOn, fitPredictions: fitting.count,
            before: ReliabilityReport(probabilities: testSample.scores.map(Double.init), outcomes: testSample.outcomes),
            after: calibration.report(on: testSample))
        // The micro-F1 threshold on the same held-out predictions, measured on the test split.
        let tuning = ThresholdTuning.tune(fitRankings, values: calibration.probabilities(fitRankings),
                                          truth: split.held.labels, objective: .micro)
        record.threshold = tuning.threshold
        record.thresholdTestF1 = ThresholdTuning.f1(tuning.select(tested, values: calibration.probabilities(tested)),
                                                    truth: test.labels).micro
        var calibrated = self
        calibrated.calibration = calibration
        return (record, calibrated)
    }
}
