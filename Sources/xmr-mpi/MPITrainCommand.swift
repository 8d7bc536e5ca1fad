import ArgumentParser
import Foundation
import XMR
import XMRDistributed

/// `mpirun -np N xmr-mpi train DATASET --model DIR [pipeline options]`.
struct MPITrainCommand: DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model across the ranks and save it on rank 0.",
        discussion: "Pipeline options, as for xmr train: \(PipelineArguments.help).")

    @Argument(help: "A dataset folder, read by rank 0 only.") var dataset: String
    @Option(help: "The model folder rank 0 writes (an existing one is replaced only if it is an xmr model).") var model: String
    @Flag(help: "Replace --model even when it is a folder that is not an xmr model.") var force = false
    @Flag(help: "Print one JSON object on stdout.") var json = false
    @Argument(parsing: .allUnrecognized, help: "Pipeline options (--branching 16, --seed 0, --threads N, …).")
    var pipelineOptions: [String] = []

    func validate() throws { _ = try PipelineArguments(arguments: pipelineOptions).pipeline() }

    func run(in world: MPIWorld) throws {
        guard world.isRoot else {
            try SubtreeWorker.run(world: world, printLine: printError)
            return
        }
        let gathered = GatheredTraining()
        do {
            try train(in: world, gathered: gathered)
        } catch {
            // Workers still waiting for a job are told to stop; the others answer in any case.
            if !gathered.jobsSent {
                var writer = MessageWriter()
                writer.append(1)
                for rank in 1..<max(1, world.size) { try? world.send(writer.bytes, to: rank, tag: .job) }
            }
            throw error
        }
    }

    /// Rank 0: load, train with the distributed stages, save, report.
    func train(in world: MPIWorld, gathered: GatheredTraining) throws {
        let pipeline = try PipelineArguments(arguments: pipelineOptions).pipeline()
        let url = URL(fileURLWithPath: model)
        try ModelStore.checkReplaceable(url, force: force)
        let data = try DatasetLoader.load(from: URL(fileURLWithPath: dataset))
        let start = Date()
        var trainer = PipelineTrainer(pipeline)
        trainer.matcher = DistributedMatcherTrainer(world: world, pipeline: pipeline, gathered: gathered, printLine: printError)
        trainer.ranker = DistributedRankerTrainer(pipeline: pipeline, gathered: gathered)
        let trained = try trainer.train(data, progress: { event in
            if case let .clusteringFinished(nodeCounts, seconds) = event {
                printError("tree: \(nodeCounts.dropFirst().map(String.init).joined(separator: " / ")) nodes per level, built in \(String(format: "%.2f", seconds)) s")
            }
        })
        let seconds = Date().timeIntervalSince(start)
        try trained.save(to: url, force: force)
        let bytes = try ModelStore.folderBytes(url)
        // Rank 0's peak includes the save.
        var reports = gathered.reports
        if !reports.isEmpty { reports[0].peakBytes = RankReport.peakResidentBytes() }
        let exchanged = world.bytesSent + world.bytesReceived
        let m = trained.model
        if json {
            let output = MPITrainOutput(ranks: world.size, seconds: seconds, modelBytes: bytes, nonzeros: m.nonzeros,
                                        points: data.train.count, labels: m.labelCount, bytesExchanged: exchanged,
                                        rankReports: reports.map(MPITrainOutput.Rank.init))
            print(String(decoding: try JSONStyle.encoder(pretty: false).encode(output), as: UTF8.self))
        } else {
            print("trained \(m.labelCount) labels on \(data.train.count) points over \(world.size) ranks in \(String(format: "%.2f", seconds)) s")
            for report in reports { print("  " + report.line) }
            print("exchanged \(exchanged) bytes between rank 0 and the others")
            print("saved \(url.path) (\(bytes) bytes, \(m.nonzeros) weights)")
        }
    }
}

/// The JSON of `xmr-mpi train --json`.
struct MPITrainOutput: Encodable {
    /// One rank's measurements.
    struct Rank: Encodable {
        var rank: Int
        var points: Int
        var seconds: Double
        var peakRssBytes: Int
        var bytesSent: Int
        var bytesReceived: Int

        init(_ report: RankReport) {
            rank = report.rank
            points = report.points
            seconds = report.seconds
            peakRssBytes = report.peakBytes
            bytesSent = report.bytesSent
            bytesReceived = report.bytesReceived
        }
    }
    var ranks: Int
    var seconds: Double
    var modelBytes: Int
    var nonzeros: Int
    var points: Int
    var labels: Int
    var bytesExchanged: Int
    var rankReports: [Rank]
}
