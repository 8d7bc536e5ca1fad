import Foundation

/// The one table of the pipeline's parameters: name, help, range and default of each.
///
/// `Pipeline.validate()`, `xmr train`'s help and errors and the workbench's Train form all read
/// it, so a range is written once. Defaults are `Pipeline()`'s. A new stage parameter adds a case
/// here (and a field in its stage's settings).
public enum PipelineParameter: String, Sendable, Hashable, CaseIterable {
    case features, encoder, maxLength, representation, indexer, labelTree, matcher
    case branching, maxLeafSize, depth, beamWidth, topK
    case solver, c, eps, solverIterations, bias, threshold, negatives, postProcessor
    case seed, threads, minDocumentFrequency
    case spectralDimension, graphNeighbors, hnswM, hnswEfConstruction, hnswEf
    case epochs, batchSize, learningRate, headLearningRate, fineTuneMaxLength, freezeLayers

    /// The kind of value and what it allows.
    public enum Kind: Sendable, Equatable {
        /// A whole number in a range.
        case integer(ClosedRange<Int>)
        /// A whole number in a range, or none (shown as `noneText`).
        case optionalInteger(ClosedRange<Int>, noneText: String)
        /// A finite number above `minimum` (or equal to it when `inclusive`).
        case number(minimum: Double, inclusive: Bool)
        /// One of the listed names.
        case choice([String])
        /// A file path, or none (shown as `noneText`).
        case path(noneText: String)
    }

    /// The command-line option's long name (`--max-leaf-size`).
    public var name: String {
        switch self {
        case .labelTree: "label-tree"
        case .maxLength: "max-length"
        case .maxLeafSize: "max-leaf-size"
        case .beamWidth: "beam-width"
        case .topK: "top-k"
        case .solverIterations: "max-iterations"
        case .postProcessor: "post-processor"
        case .minDocumentFrequency: "min-df"
        case .spectralDimension: "spectral-dim"
        case .graphNeighbors: "graph-neighbors"
        case .hnswM: "hnsw-m"
        case .hnswEfConstruction: "hnsw-ef-construction"
        case .hnswEf: "hnsw-ef"
        case .batchSize: "batch-size"
        case .learningRate: "learning-rate"
        case .headLearningRate: "head-learning-rate"
        case .fineTuneMaxLength: "fine-tune-max-length"
        case .freezeLayers: "freeze-layers"
        default: rawValue
        }
    }

    /// The label of the workbench form's row.
    public var title: String {
        switch self {
        case .features: "Features"
        case .encoder: "Encoder"
        case .maxLength: "Max length"
        case .representation: "Representation"
        case .indexer: "Indexer"
        case .labelTree: "Label tree"
        case .matcher: "Matcher"
        case .branching: "Branching B"
        case .maxLeafSize: "Max leaf size"
        case .depth: "Depth"
        case .beamWidth: "Beam width"
        case .topK: "Top-k"
        case .solver: "Solver"
        case .c: "C"
        case .eps: "Solver tolerance"
        case .solverIterations: "Solver iterations"
        case .bias: "Bias"
        case .threshold: "Threshold"
        case .negatives: "Negatives"
        case .postProcessor: "Post-processor"
        case .seed: "Seed"
        case .threads: "Threads"
        case .minDocumentFrequency: "Min document freq."
        case .spectralDimension: "Spectral dim"
        case .graphNeighbors: "kNN neighbours"
        case .hnswM: "HNSW M"
        case .hnswEfConstruction: "HNSW efConstr."
        case .hnswEf: "HNSW efSearch"
        case .epochs: "Epochs"
        case .batchSize: "Batch size"
        case .learningRate: "Encoder LR"
        case .headLearningRate: "Head LR"
        case .fineTuneMaxLength: "Tune length"
        case .freezeLayers: "Frozen layers"
        }
    }

    /// What the parameter does, in a few words (the range is added by `help`).
    public var summary: String {
        switch self {
        case .features: "auto = TF-IDF of the texts when every split has texts, else the vectors"
        case .encoder: "text encoder folder (Hugging Face BERT family) for dense features"
        case .maxLength: "with an encoder: tokens per text, [CLS] and [SEP] included"
        case .representation: "label vectors for indexing"
        case .indexer: "how label vectors are clustered into the tree"
        case .labelTree: "group path per label (a/b); wide groups are split by the indexer"
        case .matcher: "how a query reaches the last cluster level"
        case .branching: "children per tree node"
        case .maxLeafSize: "largest leaf cluster (when depth is auto)"
        case .depth: "levels below the root"
        case .beamWidth: "clusters kept per level at prediction"
        case .topK: "labels returned per query"
        case .solver: "binary solver of every node's ranker"
        case .c: "solver cost (regularization)"
        case .eps: "solver stopping tolerance"
        case .solverIterations: "solver's most outer iterations"
        case .bias: "value of the appended bias feature, 0 = none"
        case .threshold: "drop weights with |w| below this"
        case .negatives: "negatives of each child's ranker"
        case .postProcessor: "how scores combine along a path"
        case .seed: "seed of clustering and solver shuffles"
        case .threads: "worker threads"
        case .minDocumentFrequency: "when vectorizing: drop rarer terms"
        case .spectralDimension: "eigenvectors of spectral and pifa+spectral"
        case .graphNeighbors: "hnsw-graph indexer: neighbours per label in its mutual-kNN graph"
        case .hnswM: "HNSW neighbours per node (2 M on the bottom level)"
        case .hnswEfConstruction: "HNSW candidate list while building"
        case .hnswEf: "HNSW candidate list while searching"
        case .epochs: "neural matcher: fine-tuning passes over the texts per cluster level"
        case .batchSize: "neural matcher: texts per fine-tuning step"
        case .learningRate: "neural matcher: the encoder's peak learning rate"
        case .headLearningRate: "neural matcher: the cluster heads' peak learning rate"
        case .fineTuneMaxLength: "neural matcher: tokens per text while fine-tuning"
        case .freezeLayers: "neural matcher: bottom encoder layers kept fixed (cached once)"
        }
    }

    /// The values it takes.
    public var kind: Kind {
        switch self {
        case .features: .choice(FeatureSource.allCases.map(\.rawValue))
        case .representation: .choice(LabelRepresentation.allCases.map(\.rawValue))
        case .indexer: .choice(IndexerAlgorithm.allCases.map(\.rawValue))
        case .encoder, .labelTree: .path(noneText: "none")
        case .maxLength: .integer(2...4096)
        case .matcher: .choice(MatcherAlgorithm.allCases.map(\.rawValue))
        case .branching: .integer(2...1024)
        case .maxLeafSize: .integer(1...LevelWeights.maxChildrenPerNode)
        case .depth: .optionalInteger(1...64, noneText: "auto")
        case .beamWidth: .integer(1...10_000)
        case .topK: .integer(1...10_000)
        case .solver: .choice(LinearSolverKind.allCases.map(\.rawValue))
        case .c, .eps: .number(minimum: 0, inclusive: false)
        case .solverIterations: .integer(1...100_000)
        case .bias, .threshold: .number(minimum: 0, inclusive: true)
        case .negatives: .choice(NegativeSampling.allCases.map(\.rawValue))
        case .postProcessor: .choice(PostProcessor.allCases.map(\.rawValue))
        case .seed: .integer(0...Int(Int32.max))
        case .threads: .integer(1...maximumThreadCount)
        case .minDocumentFrequency: .integer(1...1_000_000)
        case .spectralDimension: .integer(1...1024)
        case .graphNeighbors: .integer(1...256)
        case .hnswM: .integer(2...HNSWParameters.maximumM)
        case .hnswEfConstruction, .hnswEf: .integer(1...100_000)
        case .epochs: .integer(1...1000)
        case .batchSize: .integer(1...4096)
        case .learningRate, .headLearningRate: .number(minimum: 0, inclusive: false)
        case .fineTuneMaxLength: .integer(2...512)
        case .freezeLayers: .optionalInteger(0...1000, noneText: "half")
        }
    }

    /// The allowed whole numbers, for integer parameters.
    public var integerRange: ClosedRange<Int>? {
        switch kind {
        case .integer(let r), .optionalInteger(let r, _): r
        default: nil
        }
    }

    /// What is allowed, for help texts: "2–1024", "> 0", "pifa, pii or pifa+names".
    public var rangeText: String {
        switch kind {
        case .integer(let r): "\(r.lowerBound)–\(r.upperBound)"
        case .optionalInteger(let r, let none): "\(none) or \(r.lowerBound)–\(r.upperBound)"
        case .number(let minimum, let inclusive): "\(inclusive ? "≥" : ">") \(Self.decimalText(minimum))"
        case .choice(let names): Self.list(names)
        case .path(let none): self == .encoder ? "a folder, or \(none)" : "a file, or \(none)"
        }
    }

    /// The one-line help: summary, allowed values and default.
    public var help: String {
        "\(summary); \(rangeText) (default \(value(in: Pipeline())))"
    }

    /// The parameter's value in `pipeline`, as shown and typed.
    public func value(in pipeline: Pipeline) -> String {
        switch self {
        case .features: pipeline.features.source.rawValue
        case .representation: pipeline.representation.algorithm.rawValue
        case .indexer: pipeline.indexer.algorithm.rawValue
        case .encoder: pipeline.encoder?.path ?? "none"
        case .maxLength: "\(pipeline.encoder?.maxLength ?? EncodingOptions().maxLength)"
        case .labelTree: pipeline.indexer.labelTree ?? "none"
        case .matcher: pipeline.matcher.algorithm.rawValue
        case .branching: "\(pipeline.indexer.branching)"
        case .maxLeafSize: "\(pipeline.indexer.maxLeafSize)"
        case .depth: pipeline.indexer.depth.map { "\($0)" } ?? "auto"
        case .beamWidth: "\(pipeline.matcher.beamWidth)"
        case .topK: "\(pipeline.ranker.topK)"
        case .solver: pipeline.ranker.solver.rawValue
        case .c: Self.decimalText(pipeline.ranker.c)
        case .eps: Self.decimalText(pipeline.ranker.eps)
        case .solverIterations: "\(pipeline.ranker.maxIterations)"
        case .bias: Self.decimalText(pipeline.ranker.bias)
        case .threshold: Self.decimalText(pipeline.ranker.threshold)
        case .negatives: pipeline.ranker.negatives.rawValue
        case .postProcessor: pipeline.postProcessor.rawValue
        case .seed: "\(pipeline.seed)"
        case .threads: "\(pipeline.threads)"
        case .minDocumentFrequency: "\(pipeline.features.minDocumentFrequency)"
        case .spectralDimension: "\(pipeline.representation.spectralDimension)"
        case .graphNeighbors: "\(pipeline.indexer.graphNeighbors)"
        case .hnswM: "\(pipeline.ann.m)"
        case .hnswEfConstruction: "\(pipeline.ann.efConstruction)"
        case .hnswEf: "\(pipeline.ann.efSearch)"
        case .epochs: "\(pipeline.fineTuning.epochs)"
        case .batchSize: "\(pipeline.fineTuning.batchSize)"
        case .learningRate: "\(pipeline.fineTuning.learningRate)"
        case .headLearningRate: "\(pipeline.fineTuning.headLearningRate)"
        case .fineTuneMaxLength: "\(pipeline.fineTuning.maxLength)"
        case .freezeLayers: pipeline.fineTuning.frozenLayers.map { "\($0)" } ?? "half"
        }
    }

    /// Whether the value in `pipeline` is the default.
    public func isDefault(in pipeline: Pipeline) -> Bool { value(in: pipeline) == value(in: Pipeline()) }

    /// Why the value in `pipeline` is out of range ("must be between 2 and 1024, got 3000"), or nil.
    public func problem(in pipeline: Pipeline) -> String? {
        switch kind {
        case .integer(let range):
            guard let v = Int(value(in: pipeline)), !range.contains(v) else { return nil }
            return "must be between \(range.lowerBound) and \(range.upperBound), got \(v)"
        case .optionalInteger(let range, _):
            guard let v = Int(value(in: pipeline)), !range.contains(v) else { return nil }
            return "must be between \(range.lowerBound) and \(range.upperBound), got \(v)"
        case .number(let minimum, let inclusive):
            let v = numericValue(in: pipeline)
            guard !v.isFinite || (inclusive ? !(v >= minimum) : !(v > minimum)) else { return nil }
            return minimum == 0 ? (inclusive ? "must be 0 or positive, got \(v)" : "must be a positive number, got \(v)")
                : "must be a number \(rangeText), got \(v)"
        case .choice, .path:
            return nil
        }
    }

    /// Why the whole number `v` is outside this parameter's range, or nil (for options that are
    /// not stored in a pipeline, such as `xmr eval --beam-width`).
    public func problem(with v: Int) -> String? {
        guard let range = integerRange, !range.contains(v) else { return nil }
        return "must be between \(range.lowerBound) and \(range.upperBound), got \(v)"
    }

    /// Parses `text` into `pipeline`; returns a one-line error naming the parameter's title when
    /// the text is not a valid value.
    public func assign(_ text: String, to pipeline: inout Pipeline) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .integer(let range):
            guard let v = Int(trimmed), range.contains(v) else {
                return "\(title) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            setInteger(v, in: &pipeline)
        case .optionalInteger(let range, let none):
            if trimmed.isEmpty || trimmed.lowercased() == none {
                setInteger(nil, in: &pipeline)
            } else {
                guard let v = Int(trimmed), range.contains(v) else {
                    return "\(title) must be \(none) or a whole number from \(range.lowerBound) to \(range.upperBound)"
                }
                setInteger(v, in: &pipeline)
            }
        case .number(let minimum, let inclusive):
            guard let v = Double(trimmed), v.isFinite, inclusive ? v >= minimum : v > minimum else {
                return "\(title) must be a number \(rangeText)"
            }
            setNumber(v, in: &pipeline)
        case .choice(let names):
            guard names.contains(trimmed.lowercased()) else { return "\(title) must be \(Self.list(names))" }
            setChoice(trimmed.lowercased(), in: &pipeline)
        case .path(let none):
            setPath(trimmed.isEmpty || trimmed == none ? nil : trimmed, in: &pipeline)
        }
        return nil
    }

    /// Moves a choice parameter to its next (`step` = 1) or previous (−1) choice.
    public func cycle(_ pipeline: inout Pipeline, step: Int) {
        guard case .choice(let names) = kind, !names.isEmpty else { return }
        let current = names.firstIndex(of: value(in: pipeline)) ?? 0
        _ = assign(names[(current + step % names.count + names.count) % names.count], to: &pipeline)
    }

    private func numericValue(in pipeline: Pipeline) -> Double {
        switch self {
        case .c: pipeline.ranker.c
        case .eps: pipeline.ranker.eps
        case .bias: pipeline.ranker.bias
        case .threshold: pipeline.ranker.threshold
        case .learningRate: Double(pipeline.fineTuning.learningRate)
        case .headLearningRate: Double(pipeline.fineTuning.headLearningRate)
        default: .nan
        }
    }

    private func setInteger(_ v: Int?, in p: inout Pipeline) {
        switch self {
        case .branching: p.indexer.branching = v ?? p.indexer.branching
        case .maxLeafSize: p.indexer.maxLeafSize = v ?? p.indexer.maxLeafSize
        case .depth: p.indexer.depth = v
        case .beamWidth: p.matcher.beamWidth = v ?? p.matcher.beamWidth
        case .topK: p.ranker.topK = v ?? p.ranker.topK
        case .solverIterations: p.ranker.maxIterations = v ?? p.ranker.maxIterations
        case .seed: p.seed = v ?? p.seed
        case .threads: p.threads = v ?? p.threads
        case .minDocumentFrequency: p.features.minDocumentFrequency = v ?? p.features.minDocumentFrequency
        case .spectralDimension: p.representation.spectralDimension = v ?? p.representation.spectralDimension
        case .graphNeighbors: p.indexer.graphNeighbors = v ?? p.indexer.graphNeighbors
        case .hnswM: p.ann.m = v ?? p.ann.m
        case .hnswEfConstruction: p.ann.efConstruction = v ?? p.ann.efConstruction
        case .hnswEf: p.ann.efSearch = v ?? p.ann.efSearch
        case .maxLength: if let v { p.features.encoder?.maxLength = v }
        case .epochs: if let v { p.fineTuning.epochs = v }
        case .batchSize: if let v { p.fineTuning.batchSize = v }
        case .fineTuneMaxLength: if let v { p.fineTuning.maxLength = v }
        case .freezeLayers: p.fineTuning.frozenLayers = v
        default: break
        }
    }

    /// Sets a path parameter; an encoder folder is kept as an absolute path (a leading `~` expanded),
    /// with the max length it had.
    private func setPath(_ path: String?, in p: inout Pipeline) {
        switch self {
        case .labelTree: p.indexer.labelTree = path
        case .encoder:
            p.features.encoder = path.map {
                let folder = URL(fileURLWithPath: NSString(string: $0).expandingTildeInPath).standardizedFileURL.path
                return EncoderReference(path: folder, maxLength: p.encoder?.maxLength ?? EncodingOptions().maxLength)
            }
        default: break
        }
    }

    private func setNumber(_ v: Double, in p: inout Pipeline) {
        switch self {
        case .c: p.ranker.c = v
        case .eps: p.ranker.eps = v
        case .bias: p.ranker.bias = v
        case .threshold: p.ranker.threshold = v
        case .learningRate: p.fineTuning.learningRate = Float(v)
        case .headLearningRate: p.fineTuning.headLearningRate = Float(v)
        default: break
        }
    }

    private func setChoice(_ name: String, in p: inout Pipeline) {
        switch self {
        case .features: p.features.source = FeatureSource(rawValue: name) ?? p.features.source
        case .representation: p.representation.algorithm = LabelRepresentation(rawValue: name) ?? p.representation.algorithm
        case .indexer: p.indexer.algorithm = IndexerAlgorithm(rawValue: name) ?? p.indexer.algorithm
        case .matcher:
            let old = p.matcher.algorithm
            p.matcher.algorithm = MatcherAlgorithm(rawValue: name) ?? p.matcher.algorithm
            if old != p.matcher.algorithm {
                p.ranker.negatives = Self.negatives(p.ranker.negatives, from: old, to: p.matcher.algorithm)
            }
        case .solver: p.ranker.solver = LinearSolverKind(rawValue: name) ?? p.ranker.solver
        case .negatives: p.ranker.negatives = NegativeSampling(rawValue: name) ?? p.ranker.negatives
        case .postProcessor: p.postProcessor = PostProcessor(rawValue: name) ?? p.postProcessor
        default: break
        }
    }

    /// The negatives after the matcher changes from `old` to `new`, when they were `current`.
    ///
    /// The hnsw matcher trains nothing above the labels, so the ranker must learn the clusters it
    /// brings in: with `tfn` alone debtags loses 0.09 P@1 (README, ANN as pipeline stages). Its
    /// default is therefore `tfn+man`: moving to it turns `tfn` into `tfn+man`, and moving away
    /// from it turns `tfn+man` back into `tfn` (so cycling through the matchers in the Train form
    /// leaves the others as they were). `man` is always kept.
    public static func negatives(_ current: NegativeSampling, from old: MatcherAlgorithm,
                                 to new: MatcherAlgorithm) -> NegativeSampling {
        if new == .hnsw && old != .hnsw && current == .tfn { return .tfnMan }
        if old == .hnsw && new != .hnsw && current == .tfnMan { return .tfn }
        return current
    }

    /// "a", "a or b", "a, b or c".
    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// A short decimal without trailing zeros: 1, 0.1, 0.25.
    public static func decimalText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int(value))" }
        return "\(value)"
    }
}

extension Pipeline {
    /// The neural matcher's fine-tuning settings (the defaults when none are set); setting one
    /// records them all in `matcher.fineTuning`.
    var fineTuning: FineTuningParameters {
        get { matcher.fineTuning ?? FineTuningParameters() }
        set { matcher.fineTuning = newValue }
    }
}
