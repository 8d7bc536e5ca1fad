/// The L2-loss SVM solver's state of one point, kept together so a visit touches one cache line.
struct SquaredHingePoint {
    /// First entry of the point's row in the packed matrix.
    var start: Int
    /// One past the last entry of the point's row.
    var end: Int
    /// The dual variable.
    var alpha: Double
    /// Qᵢᵢ + Dᵢᵢ: ‖xᵢ‖² + bias² + 1/(2C).
    var diagonal: Double
    /// +1 for a positive point, −1 for a negative one.
    var sign: Double
    /// The value of every sparse entry of the row for a uniform layout (`UniformRowKernel`), else 1.
    var scale: Double
}
