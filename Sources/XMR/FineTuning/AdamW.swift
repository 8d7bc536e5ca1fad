/// AdamW (Loshchilov and Hutter): Adam's moment estimates with weight decay applied to the weights
/// directly, not through the gradient.
struct AdamW: Sendable, Equatable {
    /// β₁, the decay of the first moment.
    var beta1: Float = 0.9
    /// β₂, the decay of the second moment.
    var beta2: Float = 0.999
    /// ε in the denominator.
    var epsilon: Float = 1e-8
    /// The decoupled weight decay (for slots that decay).
    var weightDecay: Float = 0.01

    /// One update of the values of `slots` at or after `start`, as step `step` (1-based) at `learningRate`.
    func update(_ parameters: FlatParameters, gradients: FlatParameters, moments: AdamMoments,
                slots: [ParameterSlot], from start: Int, step: Int, learningRate: Float) {
        let firstCorrection = 1 - Self.power(beta1, step), secondCorrection = 1 - Self.power(beta2, step)
        for slot in slots where slot.offset + slot.count > start {
            let begin = max(slot.offset, start), count = slot.offset + slot.count - begin
            apply(parameters.pointer + begin, gradients.pointer + begin, moments.first.pointer + begin,
                  moments.second.pointer + begin, count: count, decay: slot.decays ? weightDecay : 0,
                  learningRate: learningRate, firstCorrection: firstCorrection, secondCorrection: secondCorrection)
        }
    }

    private func apply(_ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                       _ v: UnsafeMutablePointer<Float>, count: Int, decay: Float, learningRate: Float,
                       firstCorrection: Float, secondCorrection: Float) {
        let beta1 = beta1, beta2 = beta2, epsilon = epsilon
        let stepSize = learningRate / firstCorrection, inverseSecond = 1 / secondCorrection, shrink = 1 - learningRate * decay
        for i in 0..<count {
            let gradient = g[i]
            m[i] = beta1 * m[i] + (1 - beta1) * gradient
            v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
            w[i] = w[i] * shrink - stepSize * m[i] / ((v[i] * inverseSecond).squareRoot() + epsilon)
        }
    }

    /// base^exponent by repeated squaring, the same on every platform.
    static func power(_ base: Float, _ exponent: Int) -> Float {
        var result: Float = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return result
    }
}

/// Adam's first and second moment estimates for one flat parameter buffer.
final class AdamMoments: Sendable {
    /// The running mean of the gradients.
    let first: FlatParameters
    /// The running mean of the squared gradients.
    let second: FlatParameters

    /// Zero moments for `count` values.
    init(count: Int) {
        first = FlatParameters(count: count)
        second = FlatParameters(count: count)
    }

    /// Moments from saved values.
    init(first: FlatParameters, second: FlatParameters) {
        self.first = first
        self.second = second
    }
}
