import Foundation
import XMR

/// Ranks queries block by block and hands each block to a prediction writer, so answers leave
/// as soon as their block is ranked (one block in, its answers out, flushed).
struct PredictionStream {
    /// The model.
    var model: TrainedModel
    /// Beam width and top-k (nil: the model's).
    var beamWidth: Int?
    /// Labels ranked per point before the filter (nil: the model's).
    var topK: Int?
    /// Threads for each block.
    var threads: Int
    /// The model's calibration, when it has one: each ranked label then gets a probability.
    var calibration: ScoreCalibration?
    /// Keep only labels whose probability is at least this (needs `calibration`).
    var minimumProbability: Double?
    /// Keep only labels whose score is at least this.
    var minimumScore: Float?

    /// Queries per block for inputs that are all there (dataset splits, files).
    static let blockSize = 4096

    /// Ranks the rows of `queries` in blocks of `blockSize`, numbering points from `firstPoint`.
    func run(_ queries: QueryBatch, firstPoint: Int, texts: [String]?, writer: inout some PredictionWriter) throws {
        var start = 0
        while start < queries.count {
            let end = min(start + Self.blockSize, queries.count)
            let rows = Array(start..<end)
            let block = QueryBatch(features: queries.features.selectingRows(rows), texts: queries.texts.map { Array($0[start..<end]) })
            try writer.write(try rank(block, firstPoint: firstPoint + start, texts: texts.map { Array($0[start..<end]) }))
            start = end
        }
        try writer.finish()
    }

    /// Ranks each block of points `reader` parses (feature vectors, widened to `featureCount`).
    func run(blocks reader: inout XMCTextBlockReader, featureCount: Int, writer: inout some PredictionWriter) throws {
        while let block = try reader.nextBlock(maxPoints: Self.blockSize) {
            var features = block.features
            features.cols = featureCount
            let first = reader.pointsRead - block.count
            try writer.write(try rank(QueryBatch(features: features, texts: nil), firstPoint: first, texts: nil))
        }
        try writer.finish()
    }

    /// Ranks each block of lines `reader` delivers as one text a line, featurized by the model.
    func run(lines reader: inout LineBlockReader, writer: inout some PredictionWriter) throws {
        while let lines = try reader.nextBlock(maxLines: Self.blockSize) {
            let first = reader.linesRead - lines.count
            let queries = QueryBatch(features: try model.features(of: lines), texts: lines)
            try writer.write(try rank(queries, firstPoint: first, texts: lines))
        }
        try writer.finish()
    }

    /// The block of `queries`' rankings, with probabilities and the filters applied.
    func rank(_ queries: QueryBatch, firstPoint: Int, texts: [String]?) throws -> PredictionBlock {
        var rankings = try model.predictBatch(queries, beamWidth: beamWidth, topK: topK, threads: threads).rankings
        if let minimumScore { rankings = rankings.map { $0.filter { $0.score >= minimumScore } } }
        guard let calibration else {
            return PredictionBlock(firstPoint: firstPoint, rankings: rankings, texts: texts)
        }
        var probabilities = calibration.probabilities(rankings)
        if let minimumProbability {
            for i in rankings.indices {
                let keep = probabilities[i].indices.filter { probabilities[i][$0] >= minimumProbability }
                rankings[i] = keep.map { rankings[i][$0] }
                probabilities[i] = keep.map { probabilities[i][$0] }
            }
        }
        return PredictionBlock(firstPoint: firstPoint, rankings: rankings, texts: texts, probabilities: probabilities)
    }
}
