import ArgumentParser
import Foundation
import XMR

/// `xmr add-labels --model DIR --dataset NEW_DIR`: add new labels to a trained model without retraining it.
struct AddLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-labels",
        abstract: "Add labels the model has never seen, from a dataset folder of their training points, without retraining.",
        discussion: """
            NEW_DIR is a dataset folder (the same formats as for training) whose training split holds \
            points with their labels: ids below the model's label count are the model's labels, the \
            ids from there on are new. With names, label_names.txt gives every label: the model's \
            names first, in its order, then the new ones. The features must be in the model's \
            space (texts for a model trained on text). Each new label is placed in its nearest leaf \
            cluster (a new one when that is full) and gets a ranker trained on its points against the \
            cluster's hard negatives; matcher nodes on its path are retrained only where its points \
            become new positives. Give NEW_DIR every training point with a new label plus a \
            uniform random sample of the others (about 40%) and pass that fraction as \
            --sample-fraction: the sample is the new labels' negatives, and the fraction sets \
            their biases, so that they do not push the old labels out of the top ranks. \
            The model folder is then replaced atomically by the new version; \
            a calibration of the old model is removed with it (run xmr calibrate again).
            """)

    @Option(help: "The model folder to extend (replaced by the new version).") var model: String
    @Option(help: "A dataset folder with the new labels' training points.") var dataset: String
    @Option(help: "NEW_DIR's points without a new label are a uniform random sample of this fraction of the model's training points without one; each then counts 1/fraction times in the new labels' biases (default 1: all of them, or none).") var sampleFraction: Double = 1
    @Option(help: "The solver's stopping tolerance (eps) for the new labels' rankers and the retrained nodes, when looser than the model's own (training's default is 0.1): the rankers' biases are fitted again afterwards, so they can stop after a pass or two.") var tolerance: Double = 3
    @Option(help: "Worker threads (default: the model's).") var threads: Int?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let problem = PipelineParameter.firstOptionProblem([.threads: threads]) { throw ValidationError(problem) }
        guard sampleFraction > 0, sampleFraction <= 1 else {
            throw ValidationError("--sample-fraction must be in (0, 1], got \(sampleFraction)")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw ValidationError("--tolerance must be a positive number, got \(tolerance)")
        }
    }

    func run() throws {
        try CLIError.run {
            let folder = URL(fileURLWithPath: model)
            let start = Date()
            // Refuse before any work a folder that a save would not replace.
            try ModelStore.checkReplaceable(folder, force: false)
            let trained = try TrainedModel.load(from: folder)
            let loaded = try DatasetFeatures.load(dataset)
            let input = try NewLabels.read(loaded, for: trained)
            let loadSeconds = Date().timeIntervalSince(start)
            let (extended, report) = try LabelAdder(threads: threads, sampleFraction: sampleFraction, tolerance: tolerance).add(input, to: trained)
            let calibrated = FileManager.default.fileExists(atPath: folder.appendingPathComponent(CalibrationFile.fileName).path)
            let saveStart = Date()
            try extended.save(to: folder)
            let output = AddLabelsOutput(
                model: folder.path, labelsBefore: trained.model.labelCount, labelsAfter: extended.model.labelCount,
                points: report.points, addedLabels: report.labels, trainedNodes: report.nodes,
                unchangedPathNodes: report.unchangedPathNodes, overCapacity: report.overCapacity,
                leafCapacity: report.leafCapacity, branching: report.branching, loadSeconds: loadSeconds,
                addSeconds: report.seconds, saveSeconds: Date().timeIntervalSince(saveStart),
                totalSeconds: Date().timeIntervalSince(start), calibrationRemoved: calibrated)
            if json {
                try JSONPrinting.print(output)
                return
            }
            print(output.summary)
        }
    }
}
