import ArgumentParser
import Foundation
import XMR
import XMRDistributed

/// `mpirun -np N xmr-mpi eval --model DIR DATASET`: every rank ranks a shard of the split, rank
/// 0 gathers the rankings and scores them (the P@k, R@k, nDCG@k and PSP@k of `xmr eval`).
struct MPIEvalCommand: DistributedCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a model on a dataset split, the points shared among the ranks.")

    @Option(help: "The model folder (every rank loads it).") var model: String
    @Argument(help: "A dataset folder (every rank reads it and ranks its shard).") var dataset: String
    @Option(help: "The split evaluated: train or test.") var split: ShardedQueries.Split = .test
    @Option(name: .customLong("beam-width"), help: "Beam width.") var beamWidth = 10
    @Option(name: .customLong("top-k"), help: "Labels ranked per point.") var topK = 5
    @Option(help: "Threads per rank for batch prediction (default: all cores).") var threads: Int?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.beamWidth: beamWidth, .topK: topK, .threads: threads]) {
            throw ValidationError(problem)
        }
    }

    func run(in world: MPIWorld) throws {
        let start = Date()
        guard let (loaded, rankings, reports) = try ShardedQueries.gatheredRankings(
            model: model, dataset: dataset, split: split, beamWidth: beamWidth, topK: topK, threads: threads,
            in: world, start: start) else { return }
        let metrics = try RankingMetrics(predictions: rankings.map { $0.map { Int32($0.label) } }, truth: loaded.truth,
                                         maxK: 5, propensity: LabelPropensity(trainingLabels: loaded.dataset.train.labels))
        let seconds = Date().timeIntervalSince(start)
        if json {
            var object: [String: Double] = [:]
            for (name, value) in metrics.dictionary { object[name.lowercased().replacingOccurrences(of: "@", with: "_at_")] = value }
            object["points"] = Double(rankings.count)
            object["ranks"] = Double(world.size)
            object["seconds"] = seconds
            print(String(decoding: try JSONStyle.encoder(pretty: false).encode(object), as: UTF8.self))
            return
        }
        func metric(_ key: String) -> String { metrics[key].map { String(format: "%.4f", $0) } ?? "–" }
        print("\(split.rawValue) split: points \(rankings.count), beam width \(beamWidth), top-k \(topK), \(world.size) ranks")
        for k in [1, 3, 5] where k <= topK {
            print("P@\(k) \(metric("P@\(k)"))   R@\(k) \(metric("R@\(k)"))   nDCG@\(k) \(metric("nDCG@\(k)"))   PSP@\(k) \(metric("PSP@\(k)"))")
        }
        for report in reports { print("  " + report.line) }
        print(String(format: "evaluated in %.2f s", seconds))
    }
}
