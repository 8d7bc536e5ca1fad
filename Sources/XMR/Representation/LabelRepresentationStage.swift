/// The label representation stage: (features, labels, label texts) → one vector per label.
///
/// The result is labels × dimensions in CSR form, each nonzero row of unit l2 norm (a dense
/// representation, such as PIFA over transformer embeddings, stores full rows). PIFA, PII and
/// PIFA+names conform through `LabelRepresentation`; a new representation conforms here and
/// gets a case in `LabelRepresentation`'s registry (`stage`).
public protocol LabelRepresentationStage: Sendable {
    /// The label vectors of `input`'s labels.
    func labelVectors(for input: TrainingInput, context: StageContext) throws -> CSRMatrix
}
