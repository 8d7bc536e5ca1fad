extension LabelRepresentation: LabelRepresentationStage {
    /// The stage of this algorithm (the registry of representations: a new one adds a case here).
    public var stage: any LabelRepresentationStage { self }

    /// The label vectors of `input`, with the default spectral dimension.
    public func labelVectors(for input: TrainingInput, context: StageContext) throws -> CSRMatrix {
        try labelVectors(for: input, context: context, spectralDimension: SpectralRepresentation.defaultDimension)
    }

    /// PIFA, PII, PIFA+names (the label names' TF-IDF), spectral, pifa+spectral, dense-pifa or
    /// pifa+dense (the embeddings) vectors of `input`.
    func labelVectors(for input: TrainingInput, context: StageContext, spectralDimension: Int) throws -> CSRMatrix {
        var nameFeatures: CSRMatrix?
        if self == .pifaWithNames {
            guard let names = input.labelNames else {
                throw XRLinearError.invalidParameter(
                    name: "representation", message: "pifa+names needs label names (label_names.txt)")
            }
            nameFeatures = try TfidfVectorizer.labelNameFeatures(names).matrix
        }
        do {
            return try labelVectors(features: input.features, labels: input.labels, labelNameFeatures: nameFeatures,
                                    labelGraph: input.labelGraph, seed: UInt64(truncatingIfNeeded: context.seed),
                                    threads: context.threads, spectralDimension: spectralDimension,
                                    embeddings: input.embeddings)
        } catch let error as IndexingError {
            throw error.asTrainingError
        }
    }
}

extension RepresentationSettings: LabelRepresentationStage {
    /// The stage these settings describe: the algorithm with its parameters.
    public var stage: any LabelRepresentationStage { self }

    /// The label vectors of `input` by `algorithm`, with `spectralDimension` eigenvectors.
    public func labelVectors(for input: TrainingInput, context: StageContext) throws -> CSRMatrix {
        try algorithm.labelVectors(for: input, context: context, spectralDimension: spectralDimension)
    }
}
