import Foundation

/// Every hyperparameter of an XR-Linear model; defaults follow libpecos 1.2.8.
public struct XRLinearParameters: Codable, Sendable, Equatable {
    /// How each label is represented before clustering.
    public enum Representation: String, Codable, Sendable, CaseIterable {
        /// Positive-instance feature aggregation (default).
        case pifa
        /// Positive-instance indicators: l2-normalized columns of Y.
        case pii
        /// PIFA concatenated with TF-IDF features of the label names.
        case pifaWithNames = "pifa+names"
    }

    /// Children per tree node (B), 2...16 as in PECOS, up to 1024 allowed.
    public var branching: Int = 16
    /// Largest number of labels in a leaf cluster; decides the depth unless `depth` is set.
    public var maxLeafSize: Int = 100
    /// Number of levels below the root, when set explicitly.
    public var depth: Int?
    /// Label representation used for clustering.
    public var representation: Representation = .pifa
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
    /// Seed of clustering and solver shuffles.
    public var seed: Int = 0
    /// Worker threads for training and batch prediction.
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Beam width of prediction (and of `man` negatives during training).
    public var beamWidth: Int = 10
    /// Labels returned per query.
    public var topK: Int = 10
    /// Score transform combined along tree paths.
    public var postProcessor: PostProcessor = .l3Hinge
    /// Whether feature rows (training and query) are scaled to unit l2 norm.
    public var normalizeRows: Bool = true

    /// The defaults.
    public init() {}

    /// The binary solver settings these parameters imply.
    public var solverParameters: LinearSolverParameters {
        LinearSolverParameters(kind: solver, c: c, eps: eps, maxIterations: maxIterations, bias: bias, threshold: threshold)
    }

    /// Throws `XRLinearError.invalidParameter` naming the first parameter out of range.
    public func validate() throws {
        func fail(_ name: String, _ message: String) throws -> Never {
            throw XRLinearError.invalidParameter(name: name, message: message)
        }
        if branching < 2 || branching > 1024 { try fail("branching", "must be between 2 and 1024, got \(branching)") }
        if maxLeafSize < 1 { try fail("max-leaf-size", "must be at least 1, got \(maxLeafSize)") }
        if let depth, depth < 1 || depth > 64 { try fail("depth", "must be between 1 and 64, got \(depth)") }
        if !(c > 0) || !c.isFinite { try fail("c", "must be a positive number, got \(c)") }
        if !(eps > 0) || !eps.isFinite { try fail("eps", "must be a positive number, got \(eps)") }
        if maxIterations < 1 { try fail("max-iterations", "must be at least 1, got \(maxIterations)") }
        if !(bias >= 0) || !bias.isFinite { try fail("bias", "must be 0 or positive, got \(bias)") }
        if !(threshold >= 0) || !threshold.isFinite { try fail("threshold", "must be 0 or positive, got \(threshold)") }
        if seed < 0 { try fail("seed", "must be 0 or positive, got \(seed)") }
        if threads < 1 || threads > 1024 { try fail("threads", "must be between 1 and 1024, got \(threads)") }
        if beamWidth < 1 { try fail("beam-width", "must be at least 1, got \(beamWidth)") }
        if topK < 1 { try fail("top-k", "must be at least 1, got \(topK)") }
    }
}
