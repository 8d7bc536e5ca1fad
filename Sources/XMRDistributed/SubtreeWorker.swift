import Foundation
import XMR

/// A worker rank of a distributed training: it waits for rank 0's job, trains its subtrees on
/// the points it was sent, reports progress per level, and sends back its weights or its error.
public enum SubtreeWorker {
    /// Runs the worker's part; throws `DistributedError.reported` when its failure (or rank 0's
    /// abort) is already known to rank 0.
    public static func run(world: MPIWorld, printLine: @escaping @Sendable (String) -> Void) throws {
        let message = try world.receive(from: 0, tags: [.job])
        var reader = MessageReader(message.bytes)
        guard try reader.readInt() == WorkerResults.success else { throw DistributedError.reported }
        let start = Date()
        let job = try TrainingJob(reading: &reader)
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
        var payload = MessageWriter()
        switch outcome {
        case let .success(pieces): payload.append(pieces)
        case let .failure(error): payload.append(DistributedError.describe(error))
        }
        var writer = MessageWriter()
        writer.append(outcome.isSuccess ? WorkerResults.success : WorkerResults.failure)
        // The report counts the result message itself: its length, kind, report and payload.
        let resultBytes = 8 + 8 + RankReport.encodedBytes + payload.bytes.count
        RankReport(rank: world.rank, points: job.features.rows, seconds: Date().timeIntervalSince(start),
                   peakBytes: RankReport.peakResidentBytes(), bytesSent: world.bytesSent + resultBytes,
                   bytesReceived: world.bytesReceived).write(to: &writer)
        writer.append(contentsOf: payload)
        try world.send(writer.bytes, to: 0, tag: .result)
        if case .failure = outcome { throw DistributedError.reported }
    }
}

extension Result {
    /// Whether this is a success.
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
