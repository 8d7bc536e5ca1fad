extension XRLinearParameters {
    enum CodingKeys: String, CodingKey {
        case branching, maxLeafSize, depth, representation, solver, c, eps, maxIterations, bias, threshold
        case negatives, seed, threads, beamWidth, topK, postProcessor, normalizeRows
    }

    /// Decodes parameters; a missing key keeps its default, so older files (and hand-written
    /// session files) stay readable when parameters are added.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        branching = try c.decodeIfPresent(Int.self, forKey: .branching) ?? branching
        maxLeafSize = try c.decodeIfPresent(Int.self, forKey: .maxLeafSize) ?? maxLeafSize
        depth = try c.decodeIfPresent(Int.self, forKey: .depth)
        representation = try c.decodeIfPresent(Representation.self, forKey: .representation) ?? representation
        solver = try c.decodeIfPresent(LinearSolverKind.self, forKey: .solver) ?? solver
        self.c = try c.decodeIfPresent(Double.self, forKey: .c) ?? self.c
        eps = try c.decodeIfPresent(Double.self, forKey: .eps) ?? eps
        maxIterations = try c.decodeIfPresent(Int.self, forKey: .maxIterations) ?? maxIterations
        bias = try c.decodeIfPresent(Double.self, forKey: .bias) ?? bias
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? threshold
        negatives = try c.decodeIfPresent(NegativeSampling.self, forKey: .negatives) ?? negatives
        seed = try c.decodeIfPresent(Int.self, forKey: .seed) ?? seed
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? threads
        beamWidth = try c.decodeIfPresent(Int.self, forKey: .beamWidth) ?? beamWidth
        topK = try c.decodeIfPresent(Int.self, forKey: .topK) ?? topK
        postProcessor = try c.decodeIfPresent(PostProcessor.self, forKey: .postProcessor) ?? postProcessor
        normalizeRows = try c.decodeIfPresent(Bool.self, forKey: .normalizeRows) ?? normalizeRows
    }
}
