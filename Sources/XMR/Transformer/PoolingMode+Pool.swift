extension PoolingMode {
    /// Writes the l2-normalized pooled vector of the `length` token rows at `hidden + start · width`
    /// into `target`, and returns its norm before normalization (0 leaves the vector at zero).
    func pool(_ hidden: UnsafePointer<Float>, start: Int, length: Int, width: Int, into target: UnsafeMutablePointer<Float>) -> Float {
        switch self {
        case .cls:
            target.update(from: hidden + start * width, count: width)
        case .mean:
            target.update(repeating: 0, count: width)
            for t in start..<(start + length) {
                let row = hidden + t * width
                for c in 0..<width { target[c] += row[c] }
            }
            let inverse = 1 / Float(length)
            for c in 0..<width { target[c] *= inverse }
        }
        var squares: Float = 0
        for c in 0..<width { squares += target[c] * target[c] }
        let norm = squares.squareRoot()
        if squares > 0 {
            let inverse = 1 / norm
            for c in 0..<width { target[c] *= inverse }
        }
        return norm
    }
}
