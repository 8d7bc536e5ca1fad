import ArgumentParser
import Foundation
import XMR

/// The options of `xmr train` that describe the pipeline; names, help, ranges and defaults all
/// come from the engine's table (`PipelineParameter`), choices from the engine's enums.
struct PipelineOptions: ParsableArguments {
    typealias P = PipelineParameter

    @Option(name: .customLong(P.features.name), help: Self.help(.features)) var features: FeatureSource?
    @Flag(help: "Same as --features texts.") var vectorize = false
    @Option(help: ArgumentHelp("A Hugging Face BERT-family folder (config.json, vocab.txt, model.safetensors) whose embeddings of the texts join the features (default then --features tfidf+dense) or make the label vectors (--representation dense-pifa, pifa+dense); the model records its path and checksum.",
                               valueName: "dir")) var encoder: String?
    @Option(name: .customLong("max-length"), help: "With --encoder: tokens per text, [CLS] and [SEP] included (default 128).") var maxLength: Int?
    @Flag(help: "When vectorizing: add word bigrams to the vocabulary.") var bigrams = false
    @Option(name: .customLong(P.minDocumentFrequency.name), help: Self.help(.minDocumentFrequency)) var minDocumentFrequency: Int?
    @Option(name: .customLong(P.representation.name), help: Self.help(.representation)) var representation: LabelRepresentation?
    @Option(name: .customLong(P.spectralDimension.name), help: Self.help(.spectralDimension)) var spectralDimension: Int?
    @Option(name: .customLong(P.indexer.name), help: Self.help(.indexer)) var indexer: IndexerAlgorithm?
    @Option(name: .customLong(P.graphNeighbors.name), help: Self.help(.graphNeighbors)) var graphNeighbors: Int?
    @Option(name: .customLong(P.labelTree.name),
            help: ArgumentHelp("A label hierarchy instead of clustering from the top: line i is label i's group path, levels separated by '/' (devel/lang); labels sharing a prefix share a node. Groups with more labels than --max-leaf-size are split by --indexer.",
                               valueName: "file")) var labelTree: String?
    @Option(name: .customLong(P.matcher.name), help: Self.help(.matcher)) var matcher: MatcherAlgorithm?
    @Option(name: .customLong(P.hnswM.name), help: Self.help(.hnswM, extra: "hnsw matcher and hnsw-graph indexer")) var hnswM: Int?
    @Option(name: .customLong(P.hnswEfConstruction.name), help: Self.help(.hnswEfConstruction)) var hnswEfConstruction: Int?
    @Option(name: .customLong(P.hnswEf.name), help: Self.help(.hnswEf, extra: "stored with the model")) var hnswEf: Int?
    @Option(name: .customLong(P.branching.name), help: Self.help(.branching)) var branching: Int?
    @Option(name: .customLong(P.maxLeafSize.name), help: Self.help(.maxLeafSize)) var maxLeafSize: Int?
    @Option(name: .customLong(P.depth.name), help: Self.help(.depth, extra: "instead of --max-leaf-size")) var depth: Int?
    @Option(name: .customLong(P.solver.name), help: Self.help(.solver)) var solver: LinearSolverKind?
    @Option(name: .customLong(P.c.name), help: Self.help(.c)) var c: Double?
    @Option(name: .customLong(P.eps.name), help: Self.help(.eps)) var eps: Double?
    @Option(name: .customLong(P.solverIterations.name), help: Self.help(.solverIterations)) var maxIterations: Int?
    @Option(name: .customLong(P.bias.name), help: Self.help(.bias)) var bias: Double?
    @Option(name: .customLong(P.threshold.name), help: Self.help(.threshold)) var threshold: Double?
    @Option(name: .customLong(P.negatives.name), help: Self.help(.negatives)) var negatives: NegativeSampling?
    @Option(name: .customLong(P.postProcessor.name), help: Self.help(.postProcessor)) var postProcessor: PostProcessor?
    @Option(name: .customLong(P.seed.name), help: Self.help(.seed)) var seed: Int?
    @Option(name: .customLong(P.threads.name), help: Self.help(.threads, extra: "default: all cores")) var threads: Int?
    @Option(name: .customLong(P.beamWidth.name), help: Self.help(.beamWidth, extra: "stored with the model")) var beamWidth: Int?
    @Option(name: .customLong(P.topK.name), help: Self.help(.topK, extra: "stored with the model")) var topK: Int?

    /// The table's help for `parameter` (choices are listed by ArgumentParser itself).
    static func help(_ parameter: PipelineParameter, extra: String? = nil) -> ArgumentHelp {
        let base: String
        if case .choice = parameter.kind {
            base = "\(parameter.summary) (default \(parameter.value(in: Pipeline())))"
        } else {
            base = parameter.help
        }
        return ArgumentHelp(extra.map { "\(base); \($0)" } ?? base)
    }

    func validate() throws {
        if maxLeafSize != nil && depth != nil { throw ValidationError("give either --max-leaf-size or --depth, not both") }
        if vectorize && features != nil && features != .texts { throw ValidationError("--vectorize means --features texts") }
        _ = try pipeline()
    }

    /// The pipeline these options describe; out-of-range values are usage errors naming the option.
    func pipeline() throws -> Pipeline {
        var p = Pipeline()
        if let features { p.features.source = features }
        if vectorize { p.features.source = .texts }
        if let encoder {
            p.features.encoder = EncoderReference(path: URL(fileURLWithPath: encoder).standardizedFileURL.path,
                                                  maxLength: maxLength ?? EncodingOptions().maxLength)
        } else if maxLength != nil {
            throw ValidationError("--max-length sets the encoder's tokens per text: give --encoder DIR")
        }
        p.features.bigrams = bigrams
        if let minDocumentFrequency { p.features.minDocumentFrequency = minDocumentFrequency }
        if let representation { p.representation.algorithm = representation }
        if let spectralDimension { p.representation.spectralDimension = spectralDimension }
        if let indexer { p.indexer.algorithm = indexer }
        if let graphNeighbors { p.indexer.graphNeighbors = graphNeighbors }
        if let hnswM { p.ann.m = hnswM }
        if let hnswEfConstruction { p.ann.efConstruction = hnswEfConstruction }
        if let hnswEf { p.ann.efSearch = hnswEf }
        p.indexer.labelTree = labelTree
        if let matcher { p.matcher.algorithm = matcher }
        if let branching { p.indexer.branching = branching }
        if let maxLeafSize { p.indexer.maxLeafSize = maxLeafSize }
        p.indexer.depth = depth
        if let solver { p.ranker.solver = solver }
        if let c { p.ranker.c = c }
        if let eps { p.ranker.eps = eps }
        if let maxIterations { p.ranker.maxIterations = maxIterations }
        if let bias { p.ranker.bias = bias }
        if let threshold { p.ranker.threshold = threshold }
        if let negatives {
            p.ranker.negatives = negatives
        } else {
            p.ranker.negatives = PipelineParameter.negatives(p.ranker.negatives, from: Pipeline().matcher.algorithm,
                                                             to: p.matcher.algorithm)
        }
        if let postProcessor { p.postProcessor = postProcessor }
        if let seed { p.seed = seed }
        if let threads { p.threads = threads }
        if let beamWidth { p.matcher.beamWidth = beamWidth }
        if let topK { p.ranker.topK = topK }
        do { try p.validate() } catch let XRLinearError.invalidParameter(name, message) {
            throw ValidationError("--\(name) \(message)")
        }
        return p
    }
}
