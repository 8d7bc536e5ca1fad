/// The sibling solver's state of one row shared by all its problems: where the row is and its diagonal.
struct SiblingPoint {
    /// First entry of the row in the packed matrix.
    var start: Int
    /// One past the last entry of the row.
    var end: Int
    /// Qᵢᵢ + Dᵢᵢ: ‖xᵢ‖² + bias² + 1/(2C), the same for every problem.
    var diagonal: Double
    /// Where the row's dense block starts in `PackedRows.denseValues`.
    var denseOffset: Int
}
