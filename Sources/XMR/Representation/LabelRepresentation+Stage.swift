extension LabelRepresentation: LabelRepresentationStage {
    /// The stage of this algorithm (the registry of representations: a new one adds a case here).
    public var stage: any LabelRepresentationStage { self }

    /// The label vectors of `input` (the label names' TF-IDF for `pifa+names`, the embeddings for the dense ones).
    public func labelVectors(for input: TrainingInput, context: StageContext) throws -> CSRMatrix {
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
                                    threads: context.threads, embeddings: input.embeddings)
        } catch let error as IndexingError {
            throw error.asTrainingError
        }
    }
}
