/// Every hyperparameter the Train screen's form edits; defaults follow libpecos 1.2.8.
public struct TrainingParameters: Sendable, Hashable, Codable {
    /// How label vectors are built for clustering.
    public enum Representation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Positive-instance feature aggregation.
        case pifa
        /// Positive-instance indexing (label co-occurrence).
        case pii
        /// PIFA concatenated with TF-IDF of the label names.
        case pifaNames = "pifa+names"
    }

    /// The binary solver of every node's rankers.
    public enum Solver: String, Sendable, Hashable, Codable, CaseIterable {
        /// L2-regularized L2-loss SVM (dual coordinate descent).
        case svm
        /// L2-regularized logistic regression (dual).
        case logistic
    }

    /// Where the negatives of each child's classifier come from.
    public enum Negatives: String, Sendable, Hashable, Codable, CaseIterable {
        /// Teacher forcing: points under the same parent.
        case tfn
        /// Matcher-aware: also the nodes the beam actually reaches.
        case man
        /// Both.
        case tfnMan = "tfn+man"
    }

    /// Children per node (B).
    public var branching: Int = 16
    /// Largest leaf cluster; used when `depth` is nil.
    public var maxLeafSize: Int = 100
    /// Number of levels below the root, overriding `maxLeafSize` when set.
    public var depth: Int? = nil
    /// Beam width at inference (also used for the test evaluation).
    public var beamWidth: Int = 10
    /// Labels returned per query.
    public var topK: Int = 10
    /// Label representation.
    public var representation: Representation = .pifa
    /// Solver.
    public var solver: Solver = .svm
    /// Regularization constant C.
    public var cost: Double = 1
    /// Weights with |w| below this are dropped.
    public var threshold: Double = 0.1
    /// Negative sampling.
    public var negatives: Negatives = .tfn
    /// Random seed for clustering.
    public var seed: Int = 0
    /// Worker threads.
    public var threads: Int = 2

    /// The defaults.
    public init() {}
}
