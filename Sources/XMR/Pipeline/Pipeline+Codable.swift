import Foundation

/// Reading and writing pipeline descriptions (`model.json`, session files).
///
/// A missing key keeps its default, so hand-written files and files from older versions load.
/// Files written before the pipeline had stages (model format 1–2, sessions of round 1) hold one
/// flat object of XR-Linear parameters (`branching`, `representation`, `c`, `negatives`, ...);
/// those are read into the same stages.
extension Pipeline: Codable {
    enum CodingKeys: String, CodingKey {
        case features, representation, indexer, matcher, ranker, ann, postProcessor, seed, threads
    }

    /// The flat keys of the round-1 `XRLinearParameters`.
    enum LegacyKeys: String, CodingKey {
        case branching, maxLeafSize, depth, representation, solver, c, eps, maxIterations, bias, threshold
        case negatives, seed, threads, beamWidth, topK, postProcessor, normalizeRows
    }

    /// Decodes a staged description, or a flat one of round 1.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        postProcessor = try c.decodeIfPresent(PostProcessor.self, forKey: .postProcessor) ?? postProcessor
        seed = try c.decodeIfPresent(Int.self, forKey: .seed) ?? seed
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? threads
        let staged = [CodingKeys.features, .indexer, .matcher, .ranker].contains { c.contains($0) }
            || (try? c.decode(RepresentationSettings.self, forKey: .representation)) != nil
        if staged {
            features = try c.decodeIfPresent(FeatureSettings.self, forKey: .features) ?? features
            representation = try c.decodeIfPresent(RepresentationSettings.self, forKey: .representation) ?? representation
            indexer = try c.decodeIfPresent(IndexerSettings.self, forKey: .indexer) ?? indexer
            matcher = try c.decodeIfPresent(MatcherSettings.self, forKey: .matcher) ?? matcher
            ranker = try c.decodeIfPresent(RankerSettings.self, forKey: .ranker) ?? ranker
            ann = try c.decodeIfPresent(ANNSettings.self, forKey: .ann) ?? ann
            return
        }
        let l = try decoder.container(keyedBy: LegacyKeys.self)
        indexer.branching = try l.decodeIfPresent(Int.self, forKey: .branching) ?? indexer.branching
        indexer.maxLeafSize = try l.decodeIfPresent(Int.self, forKey: .maxLeafSize) ?? indexer.maxLeafSize
        indexer.depth = try l.decodeIfPresent(Int.self, forKey: .depth)
        representation.algorithm = try l.decodeIfPresent(LabelRepresentation.self, forKey: .representation)
            ?? representation.algorithm
        ranker.solver = try l.decodeIfPresent(LinearSolverKind.self, forKey: .solver) ?? ranker.solver
        ranker.c = try l.decodeIfPresent(Double.self, forKey: .c) ?? ranker.c
        ranker.eps = try l.decodeIfPresent(Double.self, forKey: .eps) ?? ranker.eps
        ranker.maxIterations = try l.decodeIfPresent(Int.self, forKey: .maxIterations) ?? ranker.maxIterations
        ranker.bias = try l.decodeIfPresent(Double.self, forKey: .bias) ?? ranker.bias
        ranker.threshold = try l.decodeIfPresent(Double.self, forKey: .threshold) ?? ranker.threshold
        ranker.negatives = try l.decodeIfPresent(NegativeSampling.self, forKey: .negatives) ?? ranker.negatives
        ranker.topK = try l.decodeIfPresent(Int.self, forKey: .topK) ?? ranker.topK
        matcher.beamWidth = try l.decodeIfPresent(Int.self, forKey: .beamWidth) ?? matcher.beamWidth
        features.normalizeRows = try l.decodeIfPresent(Bool.self, forKey: .normalizeRows) ?? features.normalizeRows
    }

    /// Encodes the staged description.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(features, forKey: .features)
        try c.encode(representation, forKey: .representation)
        try c.encode(indexer, forKey: .indexer)
        try c.encode(matcher, forKey: .matcher)
        try c.encode(ranker, forKey: .ranker)
        // Written only when set, so the default pipeline's description is what it was before.
        if ann != ANNSettings() { try c.encode(ann, forKey: .ann) }
        try c.encode(postProcessor, forKey: .postProcessor)
        try c.encode(seed, forKey: .seed)
        try c.encode(threads, forKey: .threads)
    }
}

extension FeatureSettings {
    enum CodingKeys: String, CodingKey { case source, bigrams, minDocumentFrequency, normalizeRows, encoder }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(FeatureSource.self, forKey: .source) ?? source
        bigrams = try c.decodeIfPresent(Bool.self, forKey: .bigrams) ?? bigrams
        minDocumentFrequency = try c.decodeIfPresent(Int.self, forKey: .minDocumentFrequency) ?? minDocumentFrequency
        normalizeRows = try c.decodeIfPresent(Bool.self, forKey: .normalizeRows) ?? normalizeRows
        encoder = try c.decodeIfPresent(EncoderReference.self, forKey: .encoder)
    }
}

extension RepresentationSettings {
    enum CodingKeys: String, CodingKey { case algorithm, spectralDimension }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try c.decodeIfPresent(LabelRepresentation.self, forKey: .algorithm) ?? algorithm
        spectralDimension = try c.decodeIfPresent(Int.self, forKey: .spectralDimension) ?? spectralDimension
    }

    /// Encodes the settings; the spectral dimension only when it is not the default.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(algorithm, forKey: .algorithm)
        if spectralDimension != SpectralRepresentation.defaultDimension {
            try c.encode(spectralDimension, forKey: .spectralDimension)
        }
    }
}

extension IndexerSettings {
    enum CodingKeys: String, CodingKey {
        case algorithm, branching, maxLeafSize, depth, labelTree, maxIterations, custom, graphNeighbors
    }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try c.decodeIfPresent(IndexerAlgorithm.self, forKey: .algorithm) ?? algorithm
        branching = try c.decodeIfPresent(Int.self, forKey: .branching) ?? branching
        maxLeafSize = try c.decodeIfPresent(Int.self, forKey: .maxLeafSize) ?? maxLeafSize
        depth = try c.decodeIfPresent(Int.self, forKey: .depth)
        labelTree = try c.decodeIfPresent(String.self, forKey: .labelTree)
        maxIterations = try c.decodeIfPresent(Int.self, forKey: .maxIterations) ?? maxIterations
        custom = try c.decodeIfPresent(String.self, forKey: .custom)
        graphNeighbors = try c.decodeIfPresent(Int.self, forKey: .graphNeighbors) ?? graphNeighbors
    }

    /// Encodes the settings; the graph indexer's neighbours only when not the default.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(algorithm, forKey: .algorithm)
        try c.encode(branching, forKey: .branching)
        try c.encode(maxLeafSize, forKey: .maxLeafSize)
        try c.encodeIfPresent(depth, forKey: .depth)
        try c.encodeIfPresent(labelTree, forKey: .labelTree)
        try c.encode(maxIterations, forKey: .maxIterations)
        try c.encodeIfPresent(custom, forKey: .custom)
        if graphNeighbors != IndexerSettings().graphNeighbors { try c.encode(graphNeighbors, forKey: .graphNeighbors) }
    }
}

extension MatcherSettings {
    enum CodingKeys: String, CodingKey { case algorithm, beamWidth, fineTuning }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try c.decodeIfPresent(MatcherAlgorithm.self, forKey: .algorithm) ?? algorithm
        beamWidth = try c.decodeIfPresent(Int.self, forKey: .beamWidth) ?? beamWidth
        fineTuning = try c.decodeIfPresent(FineTuningParameters.self, forKey: .fineTuning)
    }
}

extension RankerSettings {
    enum CodingKeys: String, CodingKey { case algorithm, solver, c, eps, maxIterations, bias, threshold, negatives, topK }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let k = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try k.decodeIfPresent(RankerAlgorithm.self, forKey: .algorithm) ?? algorithm
        solver = try k.decodeIfPresent(LinearSolverKind.self, forKey: .solver) ?? solver
        c = try k.decodeIfPresent(Double.self, forKey: .c) ?? c
        eps = try k.decodeIfPresent(Double.self, forKey: .eps) ?? eps
        maxIterations = try k.decodeIfPresent(Int.self, forKey: .maxIterations) ?? maxIterations
        bias = try k.decodeIfPresent(Double.self, forKey: .bias) ?? bias
        threshold = try k.decodeIfPresent(Double.self, forKey: .threshold) ?? threshold
        negatives = try k.decodeIfPresent(NegativeSampling.self, forKey: .negatives) ?? negatives
        topK = try k.decodeIfPresent(Int.self, forKey: .topK) ?? topK
    }
}

extension ANNSettings {
    enum CodingKeys: String, CodingKey { case m, efConstruction, efSearch }

    /// Decodes the settings; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        m = try c.decodeIfPresent(Int.self, forKey: .m) ?? m
        efConstruction = try c.decodeIfPresent(Int.self, forKey: .efConstruction) ?? efConstruction
        efSearch = try c.decodeIfPresent(Int.self, forKey: .efSearch) ?? efSearch
    }
}
