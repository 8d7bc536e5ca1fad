/// The binary loss a per-node ranker is trained with.
public enum LinearSolverKind: String, Codable, Sendable, CaseIterable {
    /// L2-regularized L2-loss (squared hinge) SVM, dual coordinate descent with shrinking.
    case svm
    /// L2-regularized logistic regression, dual coordinate descent with inner Newton steps.
    case logistic
}
