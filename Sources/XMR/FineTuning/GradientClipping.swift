/// Clipping by the global norm: when the gradient of all trained tensors together is longer than
/// `maximumNorm`, every gradient is scaled down to that length.
enum GradientClipping {
    /// The global l2 norm of `ranges` (pointer and count), summed in a fixed order in Double.
    static func norm(_ ranges: [(UnsafeMutablePointer<Float>, Int)]) -> Double {
        var squares = 0.0
        for (pointer, count) in ranges {
            var partial: Float = 0
            for i in 0..<count { partial += pointer[i] * pointer[i] }
            squares += Double(partial)
        }
        return squares.squareRoot()
    }

    /// Scales `ranges` so their global norm is at most `maximumNorm`; returns the norm before clipping.
    @discardableResult
    static func clip(_ ranges: [(UnsafeMutablePointer<Float>, Int)], maximumNorm: Float) -> Double {
        let total = norm(ranges)
        guard maximumNorm > 0, total > Double(maximumNorm) else { return total }
        let scale = Float(Double(maximumNorm) / total)
        for (pointer, count) in ranges {
            for i in 0..<count { pointer[i] *= scale }
        }
        return total
    }
}
