import Foundation
import Testing
@testable import XMR

@Suite("Fine-tuning: backpropagation through the encoder")
struct EncoderGradientTests {
    /// The tiny model's weights in a flat buffer, a pass over them, and a few tokenized texts.
    struct Setup {
        let layout: EncoderParameterLayout
        let parameters: FlatParameters
        let pass: EncoderTrainingPass
        let batch: TokenBatch
        let encoder: TextEncoder

        init(pooling: PoolingMode = .mean, texts: Int = 3) throws {
            let encoder = try TextEncoder(folder: TextEncoderTests.model)
            self.encoder = encoder
            layout = EncoderParameterLayout(encoder.configuration)
            parameters = encoder.model.flatParameters(layout)
            pass = EncoderTrainingPass(model: BertModel(layout: layout, parameters: parameters), layout: layout, pooling: pooling)
            let all = try TextEncoderTests.texts()
            batch = TokenBatch(all.prefix(texts).map { encoder.tokenizer.encode($0, maxLength: 12) })
        }
    }

    /// Σ weight · pooled, in Double, for fixed pseudo-random weights: a loss whose gradient is the weights.
    static func loss(_ pass: EncoderTrainingPass, weights: [Float]) -> Double {
        zip(pass.pooled.buffer, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func randomWeights(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in Float(generator.nextInt(below: 2001) - 1000) / 1000 }
    }

    @Test("With dropout off, the training forward gives TextEncoder's embeddings")
    func forwardMatchesInference() throws {
        let setup = try Setup(texts: 5)
        setup.pass.forward(setup.batch, dropout: .none)
        let texts = Array(try TextEncoderTests.texts().prefix(5))
        let reference = try setup.encoder.embed(texts, options: EncodingOptions(maxLength: 12))
        let pooled = setup.pass.pooled.buffer
        for (i, value) in reference.values.enumerated() { #expect(abs(pooled[i] - value) < 1e-5) }
    }

    @Test("Starting from the frozen layers' cached states gives the full pass's embeddings and gradients")
    func cachedFrozenStates() throws {
        let setup = try Setup(texts: 4)
        let frozen = 1, start = setup.layout.trainableStart(frozenLayers: frozen), count = setup.layout.count
        setup.pass.forward(setup.batch, dropout: .none)
        let pooled = Array(setup.pass.pooled.buffer)
        let weights = Self.randomWeights(pooled.count, seed: 3)
        let full = FlatParameters(count: count)
        weights.withUnsafeBufferPointer { setup.pass.backward(pooledGradient: $0.baseAddress!, into: full.pointer, frozenLayers: frozen) }
        let states = Array(UnsafeBufferPointer(start: setup.pass.forwardPrefix(setup.batch, layers: frozen),
                                               count: setup.batch.tokenCount * setup.layout.configuration.hiddenSize))
        let cached = FlatParameters(count: count)
        states.withUnsafeBufferPointer { setup.pass.forward(setup.batch, dropout: .none, states: $0.baseAddress!, firstLayer: frozen) }
        #expect(Array(setup.pass.pooled.buffer) == pooled)
        weights.withUnsafeBufferPointer { setup.pass.backward(pooledGradient: $0.baseAddress!, into: cached.pointer, frozenLayers: frozen) }
        #expect(Array(cached.buffer[start...]) == Array(full.buffer[start...]))
        #expect(cached.buffer[start...].contains { $0 != 0 })
    }

    /// Central differences against the backward for the `perSlot` largest gradients of every tensor kind.
    func check(pooling: PoolingMode, dropout: DropoutRates, frozenLayers: Int = 0) throws -> (checked: Int, frozenNonZero: Int) {
        let setup = try Setup(pooling: pooling)
        let weights = Self.randomWeights(setup.batch.sequenceCount * setup.layout.configuration.hiddenSize, seed: 7)
        let gradients = FlatParameters(count: setup.layout.count)
        setup.pass.forward(setup.batch, dropout: dropout, seed: 3, step: 1)
        weights.withUnsafeBufferPointer { setup.pass.backward(pooledGradient: $0.baseAddress!, into: gradients.pointer, frozenLayers: frozenLayers) }
        let start = setup.layout.trainableStart(frozenLayers: frozenLayers)
        let frozenNonZero = (0..<start).filter { gradients.pointer[$0] != 0 }.count
        var checked = 0
        let step: Float = 2e-3
        for slot in setup.layout.slots where slot.offset >= start {
            let indices = (slot.offset..<(slot.offset + slot.count)).sorted { abs(gradients.pointer[$0]) > abs(gradients.pointer[$1]) }.prefix(2)
            for index in indices {
                let original = setup.parameters.pointer[index]
                setup.parameters.pointer[index] = original + step
                setup.pass.forward(setup.batch, dropout: dropout, seed: 3, step: 1)
                let up = Self.loss(setup.pass, weights: weights)
                setup.parameters.pointer[index] = original - step
                setup.pass.forward(setup.batch, dropout: dropout, seed: 3, step: 1)
                let down = Self.loss(setup.pass, weights: weights)
                setup.parameters.pointer[index] = original
                let numeric = (up - down) / (2 * Double(step)), analytic = Double(gradients.pointer[index])
                let tolerance = 0.03 * max(abs(numeric), abs(analytic)) + 2e-3
                #expect(abs(numeric - analytic) <= tolerance, "\(slot.name)[\(index - slot.offset)]: backward \(analytic), finite difference \(numeric)")
                // Softmax ignores a shift shared by a row, so the key bias's gradient is zero.
                if !slot.name.hasSuffix("attention.self.key.bias") {
                    #expect(abs(analytic) > 1e-3, "\(slot.name) has no gradient to check")
                }
                checked += 1
            }
        }
        return (checked, frozenNonZero)
    }

    @Test("Finite differences match the backward for every tensor, with dropout on (mean pooling)")
    func gradientsWithDropout() throws {
        let result = try check(pooling: .mean, dropout: DropoutRates(hidden: 0.1, attention: 0.1))
        #expect(result.checked == 2 * EncoderParameterLayout(try TextEncoder(folder: TextEncoderTests.model).configuration).slots.count)
    }

    @Test("Finite differences match the backward with [CLS] pooling and no dropout")
    func gradientsWithClsPooling() throws {
        _ = try check(pooling: .cls, dropout: .none)
    }

    @Test("Frozen layers get no gradient; the trained ones still check")
    func frozenLayers() throws {
        let result = try check(pooling: .mean, dropout: .none, frozenLayers: 1)
        #expect(result.frozenNonZero == 0)
        #expect(result.checked == 2 * 16)
    }

    @Test("A wrong backward fails the check: a perturbed weight gradient is caught")
    func checkCanFail() throws {
        let setup = try Setup()
        let weights = Self.randomWeights(setup.batch.sequenceCount * setup.layout.configuration.hiddenSize, seed: 7)
        let gradients = FlatParameters(count: setup.layout.count)
        setup.pass.forward(setup.batch, dropout: .none)
        weights.withUnsafeBufferPointer { setup.pass.backward(pooledGradient: $0.baseAddress!, into: gradients.pointer) }
        let slot = setup.layout.layers[0].intermediateWeight
        let index = (slot.offset..<(slot.offset + slot.count)).max { abs(gradients.pointer[$0]) < abs(gradients.pointer[$1]) }!
        let step: Float = 2e-3, original = setup.parameters.pointer[index]
        setup.parameters.pointer[index] = original + step
        setup.pass.forward(setup.batch, dropout: .none)
        let up = Self.loss(setup.pass, weights: weights)
        setup.parameters.pointer[index] = original - step
        setup.pass.forward(setup.batch, dropout: .none)
        let down = Self.loss(setup.pass, weights: weights)
        let numeric = (up - down) / (2 * Double(step)), wrong = Double(gradients.pointer[index]) * 0.9
        #expect(abs(numeric - wrong) > 0.03 * max(abs(numeric), abs(wrong)) + 2e-3)
    }
}
