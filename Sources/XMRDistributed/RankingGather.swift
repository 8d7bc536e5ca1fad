import Foundation
import XMR

/// Batch prediction split by points: every rank ranks one contiguous shard of the queries, and
/// rank 0 gathers the rankings in point order.
public enum RankingGather {
    /// The points of `count` that `rank` of `size` ranks: contiguous, sizes differing by at most one.
    public static func shard(of count: Int, rank: Int, size: Int) -> Range<Int> {
        (count * rank / size)..<(count * (rank + 1) / size)
    }

    /// Sends this worker's rankings (or its failure) to rank 0, or on rank 0 gathers every
    /// rank's after its own; returns all rankings in point order on rank 0, nil elsewhere.
    /// Throws `DistributedError.rankFailed` on rank 0 when a worker failed.
    public static func gather(world: MPIWorld, local: Result<[[LabelScore]], any Error>, points: Int,
                              start: Date) throws -> (rankings: [[LabelScore]], reports: [RankReport])? {
        guard world.isRoot else {
            try WorkerResults.send(local.map { rankings in
                var writer = MessageWriter()
                writer.append(rankings)
                return writer
            }, points: points, start: start, world: world)
            if case .failure = local { throw DistributedError.reported }
            return nil
        }
        var all = try local.get()
        var reports = [RankReport(rank: 0, points: points, seconds: Date().timeIntervalSince(start),
                                  peakBytes: RankReport.peakResidentBytes(), bytesSent: 0, bytesReceived: 0)]
        var failure: DistributedError?
        for source in 1..<max(1, world.size) {
            var reader = MessageReader(try world.receive(from: source, tags: [.result]).bytes)
            let kind = try reader.readInt()
            reports.append(try RankReport(reading: &reader))
            if kind == WorkerResults.success {
                all.append(contentsOf: try reader.readRankings())
            } else if failure == nil {
                failure = .rankFailed(rank: source, message: try reader.readString())
            }
        }
        if let failure { throw failure }
        reports[0].bytesSent = world.bytesSent
        reports[0].bytesReceived = world.bytesReceived
        return (all, reports)
    }
}
