import Foundation

/// A model's ranking quality and speed on a labelled split: what `xmr eval` and the workbench show.
public struct ModelEvaluation: Sendable {
    /// P@k, R@k, nDCG@k and (with training labels) PSP@k for k = 1...5.
    public var metrics: RankingMetrics
    /// Per level, the share of true labels whose node stayed in the beam.
    public var beamRecall: BeamRecall
    /// Evaluated points.
    public var points: Int
    /// Wall-clock seconds of the batch prediction.
    public var predictSeconds: Double
    /// Milliseconds per query, one at a time on one thread, ascending (empty when not measured).
    public var latenciesMilliseconds: [Double]
    /// The beam width used.
    public var beamWidth: Int
    /// The number of labels ranked per point.
    public var topK: Int

       /// Ranks every query of `queries` with `model`'s stages and scores the rankings against `truth`.
    ///
    /// - Parameters:
    ///   - trainingLabels: the training label matrix, for PSP@k propensities (nil: no PSP@k).
    ///   - latencySample: how many of the first points to time one at a time on this thread.
    public static func evaluate(_ model: TrainedModel, queries: QueryBatch, truth: CSRMatrix,
                                trainingLabels: CSRMatrix? = nil, beamWidth: Int? = nil, topK: Int = 5,
                                threads: Int? = nil, latencySample: Int = 0) throws -> ModelEvaluation {
        let features = queries.features
        guard features.rows == truth.rows else {
            throw XRLinearError.invalidInput("features have \(features.rows) rows but labels have \(truth.rows)")
        }
        guard features.cols == model.model.featureCount else {
            throw XRLinearError.invalidInput("the features have \(features.cols) columns but the model has \(model.model.featureCount) features")
        }
        guard truth.cols == model.model.labelCount else {
            throw XRLinearError.invalidInput("the labels have \(truth.cols) columns but the model has \(model.model.labelCount) labels")
        }
        let width = model.effectiveBeamWidth(beamWidth)
        let topK = model.effectiveTopK(topK)
        let batch = try model.predictBatch(queries, beamWidth: width, topK: topK, threads: threads, recordBeams: true)
        let metrics = try RankingMetrics(predictions: batch.rankings.map { $0.map { Int32($0.label) } }, truth: truth,
                                         maxK: 5, propensity: trainingLabels.map { LabelPropensity(trainingLabels: $0) })
        let beamRecall = try BeamRecall(beams: batch.beams ?? [], truth: truth, tree: model.tree)
        var times: [Double] = []
        let timed = min(max(0, latencySample), features.rows)
        times.reserveCapacity(timed)
        for i in 0..<timed {
            let query = Query(features: features.row(i), text: queries.texts?[i])
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try model.predict(query, beamWidth: width, topK: topK)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return ModelEvaluation(metrics: metrics, beamRecall: beamRecall, points: features.rows,
                               predictSeconds: batch.seconds, latenciesMilliseconds: times.sorted(), beamWidth: width,
                               topK: topK)
    }

 /// The `q` quantile (0...1) of the measured latencies (nearest rank), 0 when none were measured.
    public func latencyMilliseconds(quantile q: Double) -> Double {
        guard !latenciesMilliseconds.isEmpty else { return 0 }
        let rank = Int((q * Double(latenciesMilliseconds.count)).rounded(.up)) - 1
        return latenciesMilliseconds[max(0, min(latenciesMilliseconds.count - 1, rank))]
    }
}
