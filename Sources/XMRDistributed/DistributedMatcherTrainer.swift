import Foundation
import XMR

/// Rank 0's matcher stage of a distributed training: it plans the split, sends every worker
/// its job, trains the top levels and its own subtrees meanwhile, gathers the workers' weights
/// and assembles every level (the label level is handed to `DistributedRankerTrainer`).
///
/// The pipeline's other stages (features, label representation, tree) run on rank 0 as in one
/// process, so the assembled model is the one `xmr train` writes.
public struct DistributedMatcherTrainer: MatcherTrainer {
    /// The job's MPI world (rank 0's).
    public let world: MPIWorld
    /// The pipeline.
    public let pipeline: Pipeline
    /// Where the label level and the ranks' reports are left for the ranker stage and the command.
    public let gathered: GatheredTraining
    /// Prints one progress line (to stderr).
    public let printLine: @Sendable (String) -> Void

    /// A matcher stage for `pipeline` on `world`.
    public init(world: MPIWorld, pipeline: Pipeline, gathered: GatheredTraining,
                printLine: @escaping @Sendable (String) -> Void) {
        self.world = world
        self.pipeline = pipeline
        self.gathered = gathered
        self.printLine = printLine
    }

    /// Trains every level across the ranks; returns the cluster levels.
    public func train(_ input: TrainingInput, tree: LabelTree, needsMatchedClusters: Bool,
                      context: StageContext) throws -> MatcherTraining {
        let start = Date()
        let split = try SubtreeSplit(input: input, tree: tree, pipeline: pipeline, ranks: world.size)
        printLine("split below level \(split.level) (\(tree.nodeCount(atLevel: split.level)) subtrees) over \(world.size) ranks: "
                  + split.roots.enumerated().map { "rank \($0.offset) \($0.element.count) subtrees" }.joined(separator: ", "))
        for rank in 1..<max(1, world.size) {
            let points = split.points(forRank: rank, labels: input.labels, tree: tree)
            let job = TrainingJob(pipeline: pipeline, tree: tree, splitLevel: split.level, denseColumns: split.denseColumns,
                                  roots: split.roots[rank], features: input.features.selectingRows(points),
                                  labels: input.labels.selectingRows(points))
            var writer = MessageWriter()
            writer.append(WorkerResults.success)
            try job.write(to: &writer)
            try world.send(writer.bytes, to: rank, tag: .job)
        }
        gathered.markJobsSent()
        let progress = JobProgress(nodeTotals: (0...tree.depth).map { tree.nodeCount(atLevel: $0) }, print: printLine)
        let relay = ProgressRelay()
        let forward = context.progress
        let relayed = relay.callback
        let local = StageContext(seed: context.seed, threads: context.threads,
                                 progress: { event in relayed(event); forward?(event) }, cancel: context.cancel)
        let pipeline = self.pipeline
        let work = BackgroundWork { () throws -> (top: [LevelWeights], own: SubtreeWeights) in
            let trainer = XRLinearTrainer()
            let top = try trainer.trainTopLevels(through: split.level, input: input, tree: tree, pipeline: pipeline, context: local)
            let own = try trainer.trainSubtrees(split.roots[0], splitLevel: split.level, denseColumns: split.denseColumns,
                                                input: input, tree: tree, pipeline: pipeline, context: local)
            return (top, own)
        }
        let results = try WorkerResults.gather(world: world, progress: progress, whileWaitingFor: {
            for event in relay.drain() {
                progress.record(rank: 0, level: event.level, nodesDone: event.nodesDone, nodesTotal: event.nodesTotal)
            }
            return work.outcome != nil
        })
        let (top, own) = try work.outcome!.get()
        gathered.record(reports: [RankReport(rank: 0, points: input.features.rows, seconds: Date().timeIntervalSince(start),
                                             peakBytes: RankReport.peakResidentBytes(), bytesSent: world.bytesSent,
                                             bytesReceived: world.bytesReceived)] + results.reports)
        if let failure = results.failures.first { throw DistributedError.rankFailed(rank: failure.rank, message: failure.message) }
        let levels = try XRLinearTrainer().assembleLevels(top: top, pieces: [own] + results.pieces, tree: tree,
                                                          dimension: input.features.cols + 1)
        gathered.record(labelLevel: levels[tree.depth - 1])
        return LinearMatcherTrainer.training(levels: Array(levels.dropLast()), featureCount: input.features.cols, tree: tree,
                                             pipeline: pipeline)
    }
}
