import ArgumentParser
import Foundation
import XMR

/// `xmr train DATASET --model DIR`: train an XR-Linear model and save it.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an XR-Linear model on a dataset folder and save it.")

    @Argument(help: "A dataset folder (train.txt, or train_texts.txt with train_labels.txt; optional label_names.txt).") var dataset: String
    @Option(help: "The model folder to write (an existing one is replaced only if it is an xmr model).") var model: String
    @Flag(help: "Replace --model even when it is a folder that is not an xmr model (its files are lost).") var force = false
    @Option(help: "Children per tree node (B).") var branching = 16
    @Option(name: .customLong("max-leaf-size"), help: "Most labels per leaf cluster (default 100).") var maxLeafSize: Int?
    @Option(help: "Levels below the root, instead of --max-leaf-size.") var depth: Int?
    @Option(help: "Label representation: pifa, pii or pifa+names.") var representation = "pifa"
    @Option(help: "Binary solver: svm or logistic.") var solver = "svm"
    @Option(name: .customLong("c"), help: "Solver cost C.") var c = 1.0
    @Option(help: "Drop weights with |w| below this.") var threshold = 0.1
    @Option(help: "Negatives: tfn, man or tfn+man.") var negatives = "tfn"
    @Option(help: "Seed for clustering and solver shuffles.") var seed = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(name: .customLong("beam-width"), help: "Default beam width stored with the model.") var beamWidth = 10
    @Option(name: .customLong("top-k"), help: "Default labels per query stored with the model.") var topK = 10
    @Flag(help: "Print one JSON object on stdout.") var json = false
    @OptionGroup(title: "Raw text") var text: TextVectorizingOptions

    func validate() throws {
        if maxLeafSize != nil && depth != nil { throw ValidationError("give either --max-leaf-size or --depth, not both") }
        _ = try parameters()
    }

    /// The engine parameters these options describe.
    func parameters() throws -> XRLinearParameters {
        var p = XRLinearParameters()
        p.branching = branching
        if let maxLeafSize { p.maxLeafSize = maxLeafSize }
        p.depth = depth
        p.representation = try ChoiceParsing.parse(representation, option: "representation", as: XRLinearParameters.Representation.self)
        p.solver = try ChoiceParsing.parse(solver, option: "solver", as: LinearSolverKind.self)
        p.c = c
        p.threshold = threshold
        p.negatives = try ChoiceParsing.parse(negatives, option: "negatives", as: NegativeSampling.self)
        p.seed = seed
        if let threads { p.threads = threads }
        p.beamWidth = beamWidth
        p.topK = topK
        do { try p.validate() } catch let error as XRLinearError { throw ValidationError(error.description) }
        return p
    }

    func run() throws {
        try CLIError.run {
            let parameters = try parameters()
            // Refuse before training: a non-model folder is never replaced without --force.
            try ModelStore.checkReplaceable(URL(fileURLWithPath: model), force: force)
            let loaded = try DatasetFeatures.load(dataset)
            let (features, labels, vectorizer, vectorizeSeconds) = try text.trainingFeatures(
                loaded, path: dataset, threads: parameters.threads)
            let labelNameFeatures = try TextVectorizingOptions.labelNameFeatures(
                loaded, path: dataset, representation: parameters.representation)
            let bar = ProgressBar(quiet: false)
            let levelTimes = LevelTimes()
            let start = Date()
            let trained = try XRLinearTrainer().train(
                features: features, labels: labels, parameters: parameters, labelNames: loaded.labelNames,
                labelNameFeatures: labelNameFeatures,
                progress: { event in
                    levelTimes.record(event)
                    bar.show(event)
                })
            let trainSeconds = Date().timeIntervalSince(start)
            bar.finish()
            let url = URL(fileURLWithPath: model)
            try ModelStore.save(trained, to: url, vectorizer: vectorizer?.serialized(), force: force)
            let bytes = try ModelStore.folderBytes(url)
            let levels = trained.levels.enumerated().map { i, level in
                TrainOutput.Level(level: i + 1, nodes: trained.tree.nodeCount(atLevel: i + 1), nonzeros: level.nonzeros,
                                  seconds: levelTimes.seconds(level: i + 1))
            }
            let output = TrainOutput(trainSeconds: trainSeconds, clusteringSeconds: levelTimes.clusteringSeconds,
                                     modelBytes: bytes, levels: levels, nonzeros: trained.nonzeros, points: features.rows,
                                     features: trained.featureCount, labels: trained.labelCount, model: url.path,
                                     parameters: parameters,
                                     vectorizeSeconds: vectorizer == nil ? nil : vectorizeSeconds)
            if json {
                try JSONPrinting.print(output)
            } else {
                if let vectorizer {
                    print("vectorized \(features.rows) texts into \(vectorizer.featureCount) TF-IDF features in \(String(format: "%.2f", vectorizeSeconds)) s")
                }
                print("trained \(trained.labelCount) labels on \(features.rows) points in \(String(format: "%.2f", trainSeconds)) s (clustering \(String(format: "%.2f", levelTimes.clusteringSeconds)) s)")
                for level in levels {
                    print("  level \(level.level): \(level.nodes) nodes, \(level.nonzeros) weights, \(String(format: "%.2f", level.seconds)) s")
                }
                print("saved \(url.path) (\(bytes) bytes, \(trained.nonzeros) weights)")
            }
        }
    }
}
