import Foundation

/// Platt scaling of a score into a probability: p(s) = 1 / (1 + exp(a·s + b)).
///
/// Fitted by Newton's method with a backtracking line search on the log loss against Platt's
/// smoothed targets ((N₊ + 1) / (N₊ + 2) for positives, 1 / (N₋ + 2) for negatives), as in Lin,
/// Lin and Weng's note on Platt's probabilistic outputs (2007).
public struct PlattScaling: Sendable, Codable, Equatable {
    /// The slope (negative when a higher score means a likelier label).
    public var a: Double
    /// The intercept.
    public var b: Double

    /// A scaling with the given parameters.
    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// The scaling that best fits `sample` (at most 100 Newton steps).
    public static func fit(_ sample: CalibrationSample) -> PlattScaling {
        let scores = sample.scores.map(Double.init)
        let positives = Double(sample.outcomes.lazy.filter { $0 }.count)
        let negatives = Double(sample.count) - positives
        let high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2)
        let targets = sample.outcomes.map { $0 ? high : low }
        var a = 0.0, b = log((negatives + 1) / (positives + 1))
        func loss(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for (s, t) in zip(scores, targets) {
                let f = a * s + b
                // −t·log p − (1 − t)·log(1 − p) with p = 1 / (1 + e^f), without overflow.
                total += f >= 0 ? t * f + log1p(exp(-f)) : (t - 1) * f + log1p(exp(f))
            }
            return total
        }
        var current = loss(a, b)
        for _ in 0..<100 {
            var gA = 0.0, gB = 0.0, hAA = 1e-12, hAB = 0.0, hBB = 1e-12
            for (s, t) in zip(scores, targets) {
                let f = a * s + b
                let p = f >= 0 ? exp(-f) / (1 + exp(-f)) : 1 / (1 + exp(f))
                let q = 1 - p
                let d2 = p * q
                hAA += s * s * d2
                hBB += d2
                hAB += s * d2
                let d1 = t - p
                gA += s * d1
                gB += d1
            }
            if abs(gA) < 1e-5 && abs(gB) < 1e-5 { break }
            let determinant = hAA * hBB - hAB * hAB
            let dA = -(hBB * gA - hAB * gB) / determinant
            let dB = -(-hAB * gA + hAA * gB) / determinant
            let slope = gA * dA + gB * dB
            var step = 1.0
            var improved = false
            while step >= 1e-10 {
                let candidate = loss(a + step * dA, b + step * dB)
                if candidate < current + 1e-4 * step * slope {
                    a += step * dA
                    b += step * dB
                    current = candidate
                    improved = true
                    break
                }
                step /= 2
            }
            if !improved { break }
        }
        return PlattScaling(a: a, b: b)
    }

    /// The probability of score `score`.
    public func probability(_ score: Float) -> Double {
        let f = a * Double(score) + b
        return f >= 0 ? exp(-f) / (1 + exp(-f)) : 1 / (1 + exp(f))
    }
}
