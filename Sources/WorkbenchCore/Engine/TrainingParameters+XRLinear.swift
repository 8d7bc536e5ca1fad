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

extension TrainingParameters {
    /// The form showing the engine's parameters `p` (what a saved session restores).
    public init(_ p: XRLinearParameters) {
        self.init()
        branching = p.branching
        maxLeafSize = p.maxLeafSize
        depth = p.depth
        representation = Representation(rawValue: p.representation.rawValue) ?? .pifa
        solver = Solver(rawValue: p.solver.rawValue) ?? .svm
        cost = p.c
        threshold = p.threshold
        negatives = Negatives(rawValue: p.negatives.rawValue) ?? .tfn
        seed = p.seed
        threads = p.threads
        beamWidth = p.beamWidth
        topK = p.topK
    }
}
