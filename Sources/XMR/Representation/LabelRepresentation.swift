/// How each label is turned into a vector before the labels are clustered into a tree.
public enum LabelRepresentation: String, Sendable, Codable, CaseIterable {
    /// Positive Instance Feature Aggregation: the normalized sum of the label's positive points' features.
    case pifa
    /// Positive Instance Indexing: the label's column of Y (which points have it), normalized.
    case pii
    /// PIFA concatenated with the label names' own features (TF-IDF of label names).
    case pifaWithNames = "pifa+names"
    /// The top eigenvectors of the label graph's normalized adjacency (`SpectralRepresentation`).
    case spectral
    /// PIFA and the spectral vector concatenated, each half normalized.
    case pifaWithSpectral = "pifa+spectral"
    /// PIFA over the text encoder's embeddings of the training texts (dense label vectors).
    case densePifa = "dense-pifa"
    /// PIFA over the features and PIFA over the embeddings concatenated, each half normalized.
    case pifaWithDense = "pifa+dense"

    /// Whether the representation reads the encoder's embeddings of the training texts.
    public var usesEmbeddings: Bool { self == .densePifa || self == .pifaWithDense }

    /// The default, as in libpecos.
    public static let `default`: LabelRepresentation = .pifa

    /// The label-vector matrix (labels × dimensions, CSR, every nonzero row of unit l2 norm).
    ///
    /// - Parameters:
    ///   - features: X, points × features, rows already l2-normalized (used by PIFA).
    ///   - labels: Y, points × labels.
    ///   - labelNameFeatures: Z, labels × name features; required for `.pifaWithNames`.
    ///   - threads: worker threads for the sparse product (0 = all cores); the result does not
    ///     depend on it.
    /// - Returns: PIFA: rows of Ŷᵀ·X normalized, where Ŷ is Y with l2-normalized rows (libpecos
    ///   `LabelEmbeddingFactory.pifa` with its default `normalized_Y=True` uses the l2 norm);
    ///   PII: rows of Yᵀ normalized (labels × points); pifa+names: rows of `[PIFA | Z]` normalized,
    ///   so both halves weigh alike (libpecos `pifa_lf_concat` does not renormalize; with unit-norm Z
    ///   this only scales every row by 1/√2 and gives the same tree). A label without training
    ///   points gets an all-zero row.
    ///   - labelGraph: the graph of `spectral` and `pifa+spectral` (default: co-occurrence, YᵀY).
    ///   - seed: the random start of the spectral eigensolver.
    ///   - spectralDimension: the eigenvectors `spectral` and `pifa+spectral` keep.
    ///   - embeddings: E, points × embedding width, the l2-normalized embeddings of the training
    ///     texts; required for `dense-pifa` (rows of Ŷᵀ·E normalized) and `pifa+dense` (rows of
    ///     `[PIFA | Ŷᵀ·E]`, each half normalized, then the row).
    public func labelVectors(features: CSRMatrix?, labels: CSRMatrix, labelNameFeatures: CSRMatrix? = nil,
                             labelGraph: LabelGraph? = nil, seed: UInt64 = 0, threads: Int = 0,
                             spectralDimension: Int = SpectralRepresentation.defaultDimension,
                             embeddings: DenseMatrix? = nil) throws -> CSRMatrix {
        switch self {
        case .densePifa, .pifaWithDense:
            guard let embeddings else {
                throw IndexingError.invalidParameter(name: "representation", message: "\(rawValue) needs the embeddings of the training texts (an encoder)")
            }
            let dense = try Self.pifa(features: try FeatureConcatenation.rows(of: embeddings), labels: labels, threads: threads)
            guard self == .pifaWithDense else { return dense }
            let pifa = try Self.pifa(features: features, labels: labels, threads: threads)
            return pifa.hstack(dense).l2NormalizedRows()
        case .spectral:
            return try SpectralRepresentation.spectral(features: features, labels: labels, graph: labelGraph,
                                                       dimension: spectralDimension, seed: seed, threads: threads)
        case .pifaWithSpectral:
            return try SpectralRepresentation.pifaWithSpectral(features: features, labels: labels, graph: labelGraph,
                                                               dimension: spectralDimension, seed: seed, threads: threads)
        case .pii:
            return labels.transposed().l2NormalizedRows()
        case .pifa:
            return try Self.pifa(features: features, labels: labels, threads: threads)
        case .pifaWithNames:
            guard let names = labelNameFeatures else {
                throw IndexingError.invalidParameter(
                    name: "representation", message: "pifa+names needs label-name features (label_names.txt)")
            }
            guard names.rows == labels.cols else {
                throw IndexingError.shapeMismatch(
                    "label-name features have \(names.rows) rows but there are \(labels.cols) labels")
            }
            let pifa = try Self.pifa(features: features, labels: labels, threads: threads)
            return pifa.hstack(names).l2NormalizedRows()
        }
    }

    /// PIFA = row-l2-normalize((row-l2-normalized Y)ᵀ · X); with `firstLabel` above 0, only the
    /// rows of labels `firstLabel...` are computed and the earlier labels' rows are empty.
    static func pifa(features: CSRMatrix?, labels: CSRMatrix, threads: Int, fromLabel firstLabel: Int = 0) throws -> CSRMatrix {
        guard let features else {
            throw IndexingError.invalidParameter(name: "representation", message: "PIFA needs a feature matrix")
        }
        guard features.rows == labels.rows else {
            throw IndexingError.shapeMismatch(
                "features have \(features.rows) points but labels have \(labels.rows)")
        }
        let weighted = labels.l2NormalizedRows()
        let labelsByPoint = (firstLabel > 0 ? weighted.keepingColumns(min(firstLabel, weighted.cols)..<weighted.cols) : weighted).transposed()
        var product = SparseProducts.multiply(labelsByPoint, features, threads: threads)
        product.normalizeRows()
        return product
    }
}
