import XMR

extension TrainingParameters {
    /// The engine's parameters for this form (solver settings beyond the form keep libpecos defaults).
    public var xrLinearParameters: XRLinearParameters {
        var p = XRLinearParameters()
        p.branching = branching
        p.maxLeafSize = maxLeafSize
        p.depth = depth
        p.representation = XRLinearParameters.Representation(rawValue: representation.rawValue) ?? .pifa
        p.solver = LinearSolverKind(rawValue: solver.rawValue) ?? .svm
        p.c = cost
        p.threshold = threshold
        p.negatives = NegativeSampling(rawValue: negatives.rawValue) ?? .tfn
        p.seed = seed
        p.threads = threads
        p.beamWidth = beamWidth
        p.topK = topK
        return p
    }
}
