import ArgumentParser
import Foundation
import XMR
import XMRDistributed

/// `mpirun -np N xmr-mpi predict --model DIR DATASET`: every rank ranks a shard of the split and
/// rank 0 writes all rankings in point order, in a format of `xmr predict --format`.
struct MPIPredictCommand: DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Rank the points of a dataset split, shared among the ranks; rank 0 writes them.")

    @Option(help: "The model folder (every rank loads it).") var model: String
    @Argument(help: "A dataset folder (every rank reads it and ranks its shard).") var dataset: String
    @Option(help: "Which split of the dataset to rank.") var split: ShardedQueries.Split = .test
    @Option(name: .customLong("beam-width"), help: "Beam width (default: the model's).") var beamWidth: Int?
    @Option(name: .customLong("top-k"), help: "Labels per point (default: the model's).") var topK: Int?
    @Option(help: "Threads per rank for batch prediction (default: all cores).") var threads: Int?
    @Option(help: "Output format: \(PredictionFormat.allCases.map(\.rawValue).joined(separator: ", ")) (as xmr predict --format).")
    var format: PredictionFormat = .xc
    @Option(help: "The file rank 0 writes (default: standard output); written atomically, and never over a file that is not an xmr prediction file.") var output: String?

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.beamWidth: beamWidth, .topK: topK, .threads: threads]) {
            throw ValidationError(problem)
        }
        // Every rank checks, so that a refusal stops them all before any work.
        if let output {
            do { try PredictionFormat.checkReplaceable(URL(fileURLWithPath: output)) } catch {
                throw ValidationError("--output \(error)")
            }
        }
    }

    func run(in world: MPIWorld) throws {
        let start = Date()
        guard let (loaded, rankings, reports) = try ShardedQueries.gatheredRankings(
            model: model, dataset: dataset, split: split, beamWidth: beamWidth, topK: topK, threads: threads,
            in: world, start: start) else { return }
        let m = loaded.model.model
        let text = StringOutput()
        var writer = format.writer(to: text, labelNames: m.labelNames, labelCount: m.labelCount, pointCount: rankings.count)
        try writer.write(PredictionBlock(firstPoint: 0, rankings: rankings))
        try writer.finish()
        if let output {
            let url = URL(fileURLWithPath: output)
            try PredictionFormat.checkReplaceable(url)
            do { try DurableFile.replace(url, with: Data(text.text.utf8)) } catch let failure as DurableFile.Failure {
                throw DatasetError(path: output, message: "cannot write the file (\(failure.reason))")
            }
        } else {
            print(text.text, terminator: "")
        }
        for report in reports { printError("xmr-mpi: " + report.line) }
    }
}

/// A text output that keeps everything in memory, for rank 0 to write at once.
final class StringOutput: TextOutput {
    /// Everything written so far.
    private(set) var text = ""

    func write(_ text: String) throws { self.text += text }
    func flush() throws {}
}
