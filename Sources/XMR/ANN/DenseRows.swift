/// Dense stored vectors in an index image: `rows × dimension` floats, row after row.
struct DenseRows: NodeScoring, @unchecked Sendable {
    /// Number of rows.
    let rows: Int
    /// The vectors' dimension.
    let dimension: Int
    /// The values.
    let values: UnsafePointer<Float>
    /// Whether scores are negated squared distances (else inner products).
    let usesL2: Bool

    /// A scorer with room for one query of `dimension` floats.
    func makeScorer() -> DenseRowScorer { DenseRowScorer(rows: self) }
}
