/// The result of one binary solve: pruned sparse weights plus diagnostics.
public struct LinearSolution: Sendable, Equatable {
    /// Weights of dimension featureCount + 1; index featureCount is the bias weight.
    public var weights: SparseVector
    /// The dual objective at the returned point (before pruning).
    public var dualObjective: Double
    /// Outer iterations used.
    public var iterations: Int
}
