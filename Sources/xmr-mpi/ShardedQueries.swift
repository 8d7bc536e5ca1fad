import ArgumentParser
import Foundation
import XMR
import XMRDistributed

/// What every rank of `eval` and `predict` loads: the model, the dataset split, and its own
/// shard of the split's points in the model's feature space.
struct ShardedQueries {
    /// The split of a dataset a command reads.
    enum Split: String, CaseIterable, ExpressibleByArgument {
        case train, test
    }

    var model: TrainedModel
    var dataset: Dataset
    /// The whole split's labels.
    var truth: CSRMatrix
    /// This rank's points of the split.
    var range: Range<Int>
    /// This rank's queries.
    var queries: QueryBatch

    /// What `eval` and `predict` do first on every rank: load (`load(model:dataset:split:in:)`),
    /// rank this rank's shard, and gather every shard's rankings on rank 0. Rank 0 gets the
    /// loaded split, every point's ranking in point order and each rank's report; the others nil.
    static func gatheredRankings(model: String, dataset: String, split: Split, beamWidth: Int?, topK: Int?,
                                 threads: Int?, in world: MPIWorld, start: Date)
        throws -> (loaded: ShardedQueries, rankings: [[LabelScore]], reports: [RankReport])? {
        let loaded = try load(model: model, dataset: dataset, split: split, in: world)
        let local = loaded.rankings(beamWidth: beamWidth, topK: topK, threads: threads)
        guard let (rankings, reports) = try RankingGather.gather(world: world, local: local, points: loaded.range.count,
                                                                  start: start) else { return nil }
        return (loaded, rankings, reports)
    }

    /// This rank's rankings of its shard, or its failure (a damaged weight chunk is found on first
    /// use), which the gather reports on rank 0 instead of stopping this rank alone.
    func rankings(beamWidth: Int?, topK: Int?, threads: Int?) -> Result<[[LabelScore]], any Error> {
        Result {
            try model.predictBatch(queries, beamWidth: beamWidth, topK: topK,
                                   threads: threads ?? ProcessInfo.processInfo.activeProcessorCount).rankings
        }
    }

    /// Loads on this rank; every rank then agrees, so a failure on any rank stops all with one
    /// error on rank 0 (naming the rank).
    static func load(model path: String, dataset: String, split: Split, in world: MPIWorld) throws -> ShardedQueries {
        var loaded: ShardedQueries?
        var failure: MPIWorld.StepFailure?
        do {
            loaded = try load(model: path, dataset: dataset, split: split, rank: world.rank, size: world.size)
        } catch {
            failure = MPIWorld.StepFailure(rank: world.rank, status: 1, message: DistributedError.describe(error))
        }
        if let stop = try world.agree(failure) {
            if world.isRoot { XMRMPICommand.report(stop, of: world) }
            throw DistributedError.reported
        }
        return loaded!
    }

    private static func load(model path: String, dataset: String, split: Split, rank: Int, size: Int) throws -> ShardedQueries {
        let model = try TrainedModel.load(from: URL(fileURLWithPath: path))
        let data = try DatasetLoader.load(from: URL(fileURLWithPath: dataset))
        let chosen: DatasetSplit
        switch split {
        case .train: chosen = data.train
        case .test:
            guard let test = data.test else { throw ValidationError("\(dataset): the dataset has no test split (test.txt)") }
            chosen = test
        }
        let features = try model.features(of: chosen, name: split.rawValue)
        guard features.cols == model.model.featureCount else {
            throw ValidationError("\(dataset): the \(split.rawValue) split has \(features.cols) features but the model has \(model.model.featureCount)")
        }
        guard chosen.labels.cols == model.model.labelCount else {
            throw ValidationError("\(dataset): the dataset has \(chosen.labels.cols) labels but the model has \(model.model.labelCount)")
        }
        let range = RankingGather.shard(of: features.rows, rank: rank, size: size)
        let queries = QueryBatch(features: features.selectingRows(Array(range)), texts: chosen.texts.map { Array($0[range]) })
        return ShardedQueries(model: model, dataset: data, truth: chosen.labels, range: range, queries: queries)
    }
}
