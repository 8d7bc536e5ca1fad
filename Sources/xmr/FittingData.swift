import Foundation
import XMR

/// The predictions a calibration or a threshold is fitted on, from points the predicting model
/// has not seen: a `--valid` dataset's training split ranked by the model itself, or a seeded
/// random part of the training split held out from a copy of the model trained on the rest.
///
/// The second is scikit-learn's out-of-fold calibration (`CalibratedClassifierCV` with
/// `ensemble=False`): the calibration learnt from the copy's scores on unseen points is applied
/// to the model trained on everything. Scores of the model on its own training points would be
/// higher than on new points, and a calibration fitted on them would be too confident.
struct FittingData {
    /// The model that ranks the fitting points (the model itself, or the held-out copy).
    var predictor: TrainedModel
    /// The points in the predictor's feature space.
    var queries: QueryBatch
    /// Their labels.
    var truth: CSRMatrix
    /// Where they came from, for people.
    var description: String
    /// Seconds spent training the held-out copy (0 with `--valid`).
    var trainSeconds: Double

    /// The fitting data: all of `valid`'s training split, or `holdOut` (a share in (0, 1)) of `data`'s.
    static func load(model: TrainedModel, data: Dataset, datasetPath: String, valid: String?,
                     holdOut: Double, seed: UInt64) throws -> FittingData {
        if let valid {
            let validation = try DatasetFeatures.load(valid)
            let (queries, truth) = try DatasetFeatures.split(validation, .train, path: valid, model: model)
            try checkLabels(truth, model: model, path: valid)
            return FittingData(predictor: model, queries: queries, truth: truth,
                               description: "\(valid): \(queries.count) points of its training split", trainSeconds: 0)
        }
        let train = data.train
        try checkLabels(train.labels, model: model, path: datasetPath)
        let split: HeldOutSplit
        do {
            split = try HeldOutSplit(train, share: holdOut, seed: seed)
        } catch {
            throw CommandFailure("--hold-out \(holdOut) of \(train.count) training points leaves no points to hold out or none to train on")
        }
        var restData = data
        restData.train = split.rest
        restData.test = nil
        let start = Date()
        let copy: TrainedModel
        do {
            copy = try PipelineTrainer(model.pipeline).train(restData)
        } catch let error as XRLinearError {
            throw CommandFailure("\(datasetPath): training the held-out copy of the model: \(error.description)")
        }
        let seconds = Date().timeIntervalSince(start)
        var heldData = data
        heldData.train = split.held
        let (queries, truth) = try DatasetFeatures.split(heldData, .train, path: datasetPath, model: copy)
        return FittingData(predictor: copy, queries: queries, truth: truth,
                           description: "\(datasetPath): \(split.heldCount) training points (\(String(format: "%g", holdOut * 100))%, seed \(seed)) held out from a copy of the model trained on the other \(split.rest.count)",
                           trainSeconds: seconds)
    }

    /// Fails unless the split's labels are the model's.
    static func checkLabels(_ truth: CSRMatrix, model: TrainedModel, path: String) throws {
        guard truth.cols == model.model.labelCount else {
            throw CommandFailure("\(path): the dataset has \(truth.cols) labels but the model has \(model.model.labelCount)")
        }
    }
}
