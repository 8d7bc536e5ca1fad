import Foundation

/// What to train: the algorithm and the parameters of every stage of the PECOS framework.
///
/// The stages run in this order: features (the dataset's vectors or TF-IDF of its texts), label
/// representation, label indexer (the label tree), matcher (every cluster level), ranker (the
/// label level). `PipelineTrainer` composes them; `model.json` and workbench sessions store this
/// description. The ranges and defaults of every parameter live in one table,
/// `PipelineParameter`, which `validate()`, the command line and the workbench form all read.
/// Defaults follow libpecos 1.2.8.
public struct Pipeline: Sendable, Hashable {
    /// Where the features come from and how rows are scaled.
    public var features = FeatureSettings()
    /// How labels become vectors before indexing.
    public var representation = RepresentationSettings()
    /// How label vectors become the label tree.
    public var indexer = IndexerSettings()
    /// How a query reaches the clusters of the last cluster level.
    public var matcher = MatcherSettings()
    /// How the labels of the matched clusters are scored.
    public var ranker = RankerSettings()
    /// The HNSW graphs of the ANN stages (`--matcher hnsw`, `--indexer hnsw-graph`).
    public var ann = ANNSettings()
    /// How a node's score combines with its parent's along a path (matcher and ranker alike).
    public var postProcessor: PostProcessor = .l3Hinge
    /// Seed of the indexer and of the solvers' shuffles.
    public var seed: Int = 0
    /// Worker threads for training and batch prediction.
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The default pipeline (XR-Linear as libpecos trains it).
    public init() {}

    /// Throws `XRLinearError.invalidParameter` naming the first parameter outside its range in
    /// `PipelineParameter`'s table.
    public func validate() throws {
        for parameter in PipelineParameter.allCases {
            if let problem = parameter.problem(in: self) {
                throw XRLinearError.invalidParameter(name: parameter.name, message: problem)
            }
        }
        if encoder == nil && (features.source.embedsTexts(hasEncoder: false) || representation.algorithm.usesEmbeddings) {
            let name = features.source.embedsTexts(hasEncoder: false) ? "features" : "representation"
            let value = name == "features" ? features.source.rawValue : representation.algorithm.rawValue
            throw XRLinearError.invalidParameter(name: name, message: "\(value) needs a text encoder (--encoder DIR)")
        }
        if matcher.algorithm == .neural {
            guard encoder != nil, features.source != .vectors, features.source != .texts else {
                throw XRLinearError.invalidParameter(name: "matcher", message: "neural needs an encoder (--encoder DIR) and features dense or tfidf+dense")
            }
            try (matcher.fineTuning ?? FineTuningParameters()).validate()
        }
    }

    /// The pipeline's encoder reference; nil when it has none.
    public var encoder: EncoderReference? { features.encoder }
}

/// The features stage: which matrix the model reads and how its rows are scaled.
public struct FeatureSettings: Sendable, Hashable, Codable {
    /// Feature vectors or TF-IDF of the raw texts (see `FeatureSource`).
    public var source: FeatureSource = .auto
    /// When vectorizing: add word bigrams to the vocabulary.
    public var bigrams = false
    /// When vectorizing: drop terms found in fewer training texts.
    public var minDocumentFrequency = 2
    /// Whether feature rows (training and query) are scaled to unit l2 norm.
    public var normalizeRows = true
    /// The text encoder of dense features and dense label representations (none by default).
    public var encoder: EncoderReference?

    /// The defaults.
    public init() {}

    /// The TF-IDF settings these imply.
    public var tfidf: TfidfConfiguration {
        TfidfConfiguration(wordNgrams: bigrams ? 1...2 : 1...1, minDocumentFrequency: minDocumentFrequency)
    }
}

/// The label representation stage's settings.
public struct RepresentationSettings: Sendable, Hashable, Codable {
    /// The algorithm.
    public var algorithm: LabelRepresentation = .pifa
    /// Eigenvectors kept by `spectral` and `pifa+spectral`.
    public var spectralDimension: Int = SpectralRepresentation.defaultDimension

    /// The defaults.
    public init() {}
}

/// The label indexer stage's settings.
public struct IndexerSettings: Sendable, Hashable, Codable {
    /// The algorithm that clusters label vectors (and splits groups of a given tree that are too wide).
    public var algorithm: IndexerAlgorithm = .sphericalKMeans
    /// Children per tree node (B).
    public var branching: Int = 16
    /// Largest number of labels in a leaf cluster; decides the depth unless `depth` is set.
    public var maxLeafSize: Int = 100
    /// Number of levels below the root, when set explicitly.
    public var depth: Int?
    /// A label hierarchy file (line i = label i's group path) to use instead of clustering from the top.
    public var labelTree: String?
    /// Most 2-means iterations per split (libpecos `kmeans_max_iter`).
    public var maxIterations: Int = 20
    /// The name of a user's own indexer that built the tree, if one did (a record only: a model
    /// loads and predicts without its indexer).
    public var custom: String?
    /// Nearest neighbours per label in the `hnsw-graph` indexer's mutual-kNN graph.
    public var graphNeighbors: Int = 10

    /// The defaults.
    public init() {}
}

/// The matcher stage's settings.
public struct MatcherSettings: Sendable, Hashable, Codable {
    /// The algorithm.
    public var algorithm: MatcherAlgorithm = .linear
    /// Clusters kept per level at prediction (and for `man` negatives during training).
    public var beamWidth: Int = 10
    /// The fine-tuning of the neural matcher (nil: the defaults; ignored by the other matchers).
    public var fineTuning: FineTuningParameters?

    /// The defaults.
    public init() {}
}

/// The ranker stage's settings (the linear matcher trains its levels with the same solver).
public struct RankerSettings: Sendable, Hashable, Codable {
    /// The algorithm.
    public var algorithm: RankerAlgorithm = .linear
    /// Binary solver.
    public var solver: LinearSolverKind = .svm
    /// Cost C of the solver.
    public var c: Double = 1
    /// Solver stopping tolerance.
    public var eps: Double = 0.1
    /// Solver's maximum outer iterations.
    public var maxIterations: Int = 100
    /// Value of the appended bias feature (0 disables it).
    public var bias: Double = 1
    /// Weights with |w| below this are dropped.
    public var threshold: Double = 0.1
    /// Negative sampling scheme.
    public var negatives: NegativeSampling = .tfn
    /// Labels returned per query.
    public var topK: Int = 10

    /// The defaults.
    public init() {}

    /// The binary solver settings these imply.
    public var solverParameters: LinearSolverParameters {
        LinearSolverParameters(kind: solver, c: c, eps: eps, maxIterations: maxIterations, bias: bias, threshold: threshold)
    }
}

/// The settings of the HNSW graphs that the ANN stages build: the `hnsw` matcher's index over
/// cluster vectors and the `hnsw-graph` indexer's index over label vectors.
public struct ANNSettings: Sendable, Hashable, Codable {
    /// Neighbours per node on the upper levels (2 M on the bottom level).
    public var m: Int = 16
    /// Candidate list while inserting a node.
    public var efConstruction: Int = 200
    /// Candidate list of a search (at least the number of neighbours asked for).
    public var efSearch: Int = 100

    /// The defaults (hnswlib's and libpecos's M and efConstruction).
    public init() {}

    /// The construction parameters for `seed` and `threads`.
    func parameters(seed: Int, threads: Int) -> HNSWParameters {
        HNSWParameters(m: m, efConstruction: efConstruction, seed: UInt64(truncatingIfNeeded: seed), threads: threads)
    }
}
