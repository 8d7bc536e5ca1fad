import Foundation
import XMR

/// A worker rank of a distributed training: it waits for rank 0's job, trains its subtrees on
/// the points it was sent, reports progress per level, and sends back its weights or its error.
public enum SubtreeWorker {
    /// Runs the worker's part; throws `DistributedError.reported` when its failure (or rank 0's
    /// abort) is already known to rank 0.
    public static func run(world: MPIWorld, printLine: @escaping @Sendable (String) -> Void) throws {
        let job = try receiveJob(world: world)
        let start = Date()
        printLine("rank \(world.rank) (pid \(getpid())): training \(job.roots.count) subtrees below level \(job.splitLevel) on \(job.features.rows) points")
        let relay = ProgressRelay()
        let context = StageContext(seed: job.pipeline.seed, threads: job.pipeline.threads, progress: relay.callback)
        let work = BackgroundWork { () throws -> SubtreeWeights in
            let input = try TrainingInput(features: job.features, labels: job.labels)
            return try XRLinearTrainer().trainSubtrees(job.roots, splitLevel: job.splitLevel, denseColumns: job.denseColumns,
                                                       input: input, tree: job.tree, pipeline: job.pipeline, context: context)
        }
        var lastSent = Date.distantPast
        var finished = false
        while !finished {
            finished = work.outcome != nil
            for event in relay.drain() where event.nodesDone == event.nodesTotal || Date().timeIntervalSince(lastSent) >= 0.5 {
                var writer = MessageWriter()
                writer.append(event.level)
                writer.append(event.nodesDone)
                writer.append(event.nodesTotal)
                try world.send(writer.bytes, to: 0, tag: .progress)
                lastSent = Date()
            }
            if !finished { usleep(20_000) }
        }
        let outcome = work.outcome!
        try WorkerResults.send(outcome.map { pieces in
            var writer = MessageWriter()
            writer.append(pieces)
            return writer
        }, points: job.features.rows, start: start, world: world)
        if case .failure = outcome { throw DistributedError.reported }
    }

    /// Waits for rank 0's job and decodes it (the message's bytes are freed on return); throws
    /// `DistributedError.reported` when rank 0 sent a stop instead.
    static func receiveJob(world: MPIWorld) throws -> TrainingJob {
        var reader = MessageReader(try world.receive(from: 0, tags: [.job]).bytes)
        guard try reader.readInt() == WorkerResults.success else { throw DistributedError.reported }
        return try TrainingJob(reading: &reader)
    }
}

extension Result {
    /// Whether this is a success.
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
