import Foundation
import XMR

/// What rank 0 gathers from the workers of a training: their weights, reports and failures.
struct WorkerResults {
    /// First field of a job or result message: the rest is the payload.
    static let success = 0
    /// First field of a job or result message: the rest is a report (results only) and an error.
    static let failure = 1

    var pieces: [SubtreeWeights] = []
    var reports: [RankReport] = []
    var failures: [(rank: Int, message: String)] = []

    /// Sends a worker's result to rank 0: the payload, or the error's message, after this rank's
    /// report (which counts the result message itself as sent).
    static func send(_ outcome: Result<MessageWriter, any Error>, points: Int, start: Date, world: MPIWorld) throws {
        var payload = MessageWriter()
        switch outcome {
        case let .success(written): payload = written
        case let .failure(error): payload.append(DistributedError.describe(error))
        }
        var writer = MessageWriter()
        writer.append(outcome.isSuccess ? success : failure)
        let resultBytes = 8 + 8 + RankReport.encodedBytes + payload.bytes.count
        RankReport(rank: world.rank, points: points, seconds: Date().timeIntervalSince(start),
                   peakBytes: RankReport.peakResidentBytes(), bytesSent: world.bytesSent + resultBytes,
                   bytesReceived: world.bytesReceived).write(to: &writer)
        writer.append(contentsOf: payload)
        try world.send(writer.bytes, to: 0, tag: .result)
    }

    /// Receives one result from every worker, recording their progress messages on the way,
    /// until also `localDone` (polled between messages) says rank 0's own work has ended.
    static func gather(world: MPIWorld, progress: JobProgress, whileWaitingFor localDone: () -> Bool) throws -> WorkerResults {
        var pending = Set(1..<max(1, world.size))
        var results = WorkerResults()
        var localFinished = false
        while !pending.isEmpty || !localFinished {
            localFinished = localDone()
            // Any tag: one rank's messages then arrive in the order it sent them.
            guard let message = try world.receiveIfReady() else {
                usleep(5_000)
                continue
            }
            var reader = MessageReader(message.bytes)
            switch message.tag {
            case .progress:
                let level = try reader.readInt(), done = try reader.readInt(), total = try reader.readInt()
                progress.record(rank: message.source, level: level, nodesDone: done, nodesTotal: total)
            case .result:
                pending.remove(message.source)
                let kind = try reader.readInt()
                results.reports.append(try RankReport(reading: &reader))
                if kind == success {
                    results.pieces.append(try reader.readSubtreeWeights())
                } else {
                    results.failures.append((message.source, try reader.readString()))
                }
            default:
                throw DistributedError.mpi("rank \(message.source) sent an unexpected \(message.tag) message")
            }
        }
        results.reports.sort { $0.rank < $1.rank }
        results.failures.sort { $0.rank < $1.rank }
        return results
    }
}
