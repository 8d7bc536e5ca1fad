import ArgumentParser
import Foundation
import XMR

/// `xmr train DATASET --model DIR`: train a pipeline and save its model folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a model on a dataset folder and save it.",
        discussion: """
            Features: with --features auto (the default) the model is trained on TF-IDF of the \
            raw texts (train_texts.txt) when every split has texts, so it answers raw queries; \
            otherwise on the feature vectors (train.txt). --features vectors or texts (tfidf) forces one.
            With --encoder DIR the texts are also embedded and the default is --features tfidf+dense \
            (each part l2-normalized, then the row); --features dense uses the embeddings alone. \
            Embeddings of a dataset's texts are cached (--embedding-cache), so retraining does not re-encode.
            """)

    @Argument(help: "A dataset folder (train.txt, or train_texts.txt with train_labels.txt; optional label_names.txt).") var dataset: String
    @Option(help: "The model folder to write (an existing one is replaced only if it is an xmr model).") var model: String
    @Flag(help: "Replace --model even when it is a folder that is not an xmr model (its files are lost).") var force = false
    @Flag(help: "Print one JSON object on stdout.") var json = false
    @Option(name: .customLong("embedding-cache"), help: ArgumentHelp("Where embeddings of dataset texts are kept between runs (default $XMR_EMBEDDING_CACHE, else ~/.cache/xmr/embeddings).", valueName: "dir")) var embeddingCache: String?
    @Option(help: ArgumentHelp("Go on from a fine-tuning checkpoint (--matcher neural): the file, or the model path whose MODEL.checkpoint it is. Give the same dataset and options as the run that wrote it.", valueName: "checkpoint")) var resume: String?
    @OptionGroup(title: "Pipeline") var options: PipelineOptions
    @OptionGroup(title: "Fine-tuning (--matcher neural)") var fineTuning: FineTuningOptions

    func validate() throws {
        let pipeline = try options.pipeline()
        if pipeline.matcher.algorithm != .neural && !fineTuning.isEmpty {
            throw ValidationError("the fine-tuning options need --matcher neural")
        }
        if pipeline.matcher.algorithm != .neural && resume != nil {
            throw ValidationError("--resume goes on from a fine-tuning checkpoint, so it needs --matcher neural")
        }
        do { try fineTuning.parameters().validate() } catch let XRLinearError.invalidParameter(name, message) {
            throw ValidationError("--\(name) \(message)")
        }
    }

    /// Where `--checkpoint-every` writes: MODEL.checkpoint beside the model folder.
    static func checkpointFile(ofModel model: String) -> URL {
        let url = URL(fileURLWithPath: model).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".checkpoint")
    }

    /// The checkpoint `--resume PATH` names: PATH when it is a file, else PATH.checkpoint.
    static func resumeFile(_ path: String) -> URL {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            return URL(fileURLWithPath: path)
        }
        return checkpointFile(ofModel: path)
    }

    func run() throws {
        try CLIError.run {
            var pipeline = try options.pipeline()
            if pipeline.matcher.algorithm == .neural { pipeline.matcher.fineTuning = fineTuning.parameters() }
            // Refuse before training: a non-model folder is never replaced without --force.
            try ModelStore.checkReplaceable(URL(fileURLWithPath: model), force: force)
            let loaded = try DatasetFeatures.load(dataset)
            let bar = ProgressBar(quiet: false)
            let levelTimes = LevelTimes()
            let start = Date()
            var trainer = PipelineTrainer(pipeline)
            if let embeddingCache { trainer.embeddingCache = EmbeddingCache(folder: URL(fileURLWithPath: embeddingCache)) }
            let checkpoint = Self.checkpointFile(ofModel: model)
            var neural: NeuralMatcherTrainer?
            if pipeline.matcher.algorithm == .neural {
                var stage = NeuralMatcherTrainer(pipeline: pipeline)
                if (pipeline.matcher.fineTuning?.checkpointEvery ?? 0) > 0 {
                    try NeuralMatcherTrainer.checkCheckpointReplaceable(checkpoint)
                    stage.checkpointFile = checkpoint
                }
                if let resume { try stage.resume(from: Self.resumeFile(resume)) }
                trainer.matcher = stage
                neural = stage
            }
            let trained = try trainer.train(loaded, progress: { event in
                levelTimes.record(event)
                bar.show(event)
            })
            let trainSeconds = Date().timeIntervalSince(start) - trained.vectorizeSeconds - trained.encodeSeconds
            bar.finish()
            let url = URL(fileURLWithPath: model)
            try trained.save(to: url, force: force)
            if let file = neural?.checkpointFile { NeuralMatcherTrainer.removeCheckpoint(file) }
            let bytes = try ModelStore.folderBytes(url)
            let m = trained.model
            let levels = m.levels.enumerated().map { i, level in
                TrainOutput.Level(level: i + 1, nodes: m.tree.nodeCount(atLevel: i + 1), nonzeros: level.nonzeros,
                                  seconds: levelTimes.seconds(level: i + 1))
            }
            let output = TrainOutput(trainSeconds: trainSeconds, clusteringSeconds: levelTimes.clusteringSeconds,
                                     modelBytes: bytes, levels: levels, nonzeros: m.nonzeros, points: loaded.train.count,
                                     features: m.featureCount, labels: m.labelCount, model: url.path,
                                     parameters: pipeline,
                                     vectorizeSeconds: trained.vectorizer == nil ? nil : trained.vectorizeSeconds,
                                     encodeSeconds: pipeline.encoder == nil ? nil : trained.encodeSeconds,
                                     fineTuning: trained.fineTuning)
            if json {
                try JSONPrinting.print(output)
            } else {
                if pipeline.encoder != nil {
                    print("embedded \(loaded.train.count) texts in \(String(format: "%.2f", trained.encodeSeconds)) s (cache included)")
                }
                if let vectorizer = trained.vectorizer {
                    print("vectorized \(loaded.train.count) texts into \(vectorizer.featureCount) TF-IDF features in \(String(format: "%.2f", trained.vectorizeSeconds)) s")
                }
                if let report = trained.fineTuning {
                    print("fine-tuned the encoder on \(report.examples) texts in \(String(format: "%.2f", report.seconds)) s (\(String(format: "%.1f", report.examplesPerSecond)) texts/s), last epoch's loss \(String(format: "%.4f", report.epochLosses.last?.last ?? 0))")
                }
                print("trained \(m.labelCount) labels on \(loaded.train.count) points in \(String(format: "%.2f", trainSeconds)) s (clustering \(String(format: "%.2f", levelTimes.clusteringSeconds)) s)")
                for level in levels {
                    print("  level \(level.level): \(level.nodes) nodes, \(level.nonzeros) weights, \(String(format: "%.2f", level.seconds)) s")
                }
                print("saved \(url.path) (\(bytes) bytes, \(m.nonzeros) weights)")
            }
        }
    }
}
