/// Isotonic regression of outcomes on scores: the nondecreasing step function closest in squared
/// error (pool adjacent violators), read with linear interpolation between its steps' ends.
///
/// Each step is kept as its lowest and highest score with its mean outcome; a score between two
/// knots is interpolated, one outside them takes the nearest knot's value (as scikit-learn's
/// `IsotonicRegression(out_of_bounds="clip")`).
public struct IsotonicCalibration: Sendable, Codable, Equatable {
    /// Knot scores, nondecreasing.
    public var scores: [Double]
    /// The probability at each knot, nondecreasing.
    public var probabilities: [Double]

    /// A calibration from its knots.
    public init(scores: [Double], probabilities: [Double]) {
        precondition(scores.count == probabilities.count, "one probability per knot")
        self.scores = scores
        self.probabilities = probabilities
    }

    /// The isotonic fit of `sample`.
    public static func fit(_ sample: CalibrationSample) -> IsotonicCalibration {
        // Equal scores first become one weighted point, so a step never splits them.
        let order = sample.scores.indices.sorted { sample.scores[$0] < sample.scores[$1] }
        var blocks: [(low: Double, high: Double, sum: Double, weight: Double)] = []
        var k = 0
        while k < order.count {
            let score = sample.scores[order[k]]
            var sum = 0.0, weight = 0.0
            while k < order.count, sample.scores[order[k]] == score {
                sum += sample.outcomes[order[k]] ? 1 : 0
                weight += 1
                k += 1
            }
            blocks.append((Double(score), Double(score), sum, weight))
            // Pool while the last block's mean is below the one before it.
            while blocks.count >= 2 {
                let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                guard last.sum / last.weight < previous.sum / previous.weight else { break }
                blocks.removeLast(2)
                blocks.append((previous.low, last.high, previous.sum + last.sum, previous.weight + last.weight))
            }
        }
        var scores: [Double] = [], probabilities: [Double] = []
        for block in blocks {
            let mean = block.sum / block.weight
            scores.append(block.low)
            probabilities.append(mean)
            if block.high > block.low {
                scores.append(block.high)
                probabilities.append(mean)
            }
        }
        return IsotonicCalibration(scores: scores, probabilities: probabilities)
    }

    /// The probability of score `score`.
    public func probability(_ score: Float) -> Double {
        guard let first = scores.first, let last = scores.last else { return 0 }
        let s = Double(score)
        if s <= first { return probabilities[0] }
        if s >= last { return probabilities[probabilities.count - 1] }
        // The first knot above s (binary search); s lies between knots upper − 1 and upper.
        var low = 0, high = scores.count - 1
        while low < high {
            let mid = (low + high) / 2
            if scores[mid] > s { high = mid } else { low = mid + 1 }
        }
        let (x0, x1) = (scores[low - 1], scores[low])
        let (y0, y1) = (probabilities[low - 1], probabilities[low])
        return x1 > x0 ? y0 + (y1 - y0) * (s - x0) / (x1 - x0) : y1
    }
}
