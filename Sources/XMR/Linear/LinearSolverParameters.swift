/// Settings of one binary linear solve (shared by every node of a model).
public struct LinearSolverParameters: Sendable, Equatable {
    /// Which loss to minimize.
    public var kind: LinearSolverKind
    /// Cost of every training point (Cp = Cn = C).
    public var c: Double
    /// Stopping tolerance on the projected gradient (LIBLINEAR's eps).
    public var eps: Double
    /// Maximum number of outer passes over the active points.
    public var maxIterations: Int
    /// Value of the implicit bias feature appended after the last feature; 0 or less disables it.
    public var bias: Double
    /// Weights with |w| below this are dropped from the result.
    public var threshold: Double

    /// Creates solver settings; the defaults follow libpecos.
    public init(kind: LinearSolverKind = .svm, c: Double = 1, eps: Double = 0.1, maxIterations: Int = 100,
                bias: Double = 1, threshold: Double = 0.1) {
        self.kind = kind
        self.c = c
        self.eps = eps
        self.maxIterations = maxIterations
        self.bias = bias
        self.threshold = threshold
    }
}
