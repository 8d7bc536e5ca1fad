import Foundation
import Testing
@testable import XMR

@Suite("Fine-tuning: cluster heads, coarse to fine")
struct ClusterFineTuningTests {
    /// Four topics of two labels each, under two top clusters: a three-level tree
    /// (2 clusters, 4 clusters, 8 labels) and 24 texts whose words give their topic away.
    struct ToyProblem {
        let texts: [String]
        let labels: CSRMatrix
        let tree = LabelTree(parents: [[0, 0], [0, 0, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3]])
        /// The level-2 cluster of each text.
        let topics: [Int]

        init() {
            let words = [["man", "eating", "food", "bread"], ["woman", "playing", "violin", "drums"],
                         ["horse", "riding", "ground", "woods"], ["library", "files", "compress", "xml"]]
            var texts: [String] = [], triplets: [(row: Int, col: Int, value: Float)] = [], topics: [Int] = []
            for i in 0..<24 {
                let topic = i % 4, w = words[topic]
                texts.append("\(w[i % 4]) \(w[(i + 1) % 4]) \(w[(i + 2) % 4])")
                triplets.append((row: i, col: 2 * topic + (i / 4) % 2, value: 1))
                topics.append(topic)
            }
            self.texts = texts
            self.topics = topics
            labels = CSRMatrix(rows: 24, cols: 8, triplets: triplets)
        }
    }

    static func tuner(_ toy: ToyProblem, epochs: Int = 6, threads: Int = 1, dropout: DropoutRates = .none) throws -> ClusterFineTuner {
        var parameters = FineTuningParameters()
        parameters.epochs = epochs
        parameters.batchSize = 8
        parameters.learningRate = 2e-3
        parameters.headLearningRate = 5e-2
        parameters.maxLength = 8
        parameters.dropout = dropout
        parameters.frozenLayers = 0
        return ClusterFineTuner(encoder: try TextEncoder(folder: TextEncoderTests.model), texts: toy.texts, labels: toy.labels,
                                tree: toy.tree, parameters: parameters, beamWidth: 1, postProcessor: .sigmoid, seed: 5, threads: threads)
    }

    @Test("On a separable toy problem the loss falls at every level and each text's cluster ranks first")
    func lossFallsAndRightClusterFirst() throws {
        let toy = ToyProblem()
        var progressCount = 0
        var tuner = try Self.tuner(toy)
        tuner.progress = { _ in progressCount += 1 }
        let result = try tuner.run()
        #expect(result.heads.count == 2)
        #expect(result.heads.map(\.clusters) == [2, 4])
        #expect(progressCount == 2 * 6 * 3)
        for losses in result.epochLosses {
            #expect(losses.count == 6)
            #expect(losses.last! < 0.5 * losses.first!, "loss per epoch: \(losses)")
        }
        let encoder = TextEncoder(base: try TextEncoder(folder: TextEncoderTests.model),
                                  model: BertModel(layout: result.layout, parameters: result.parameters), weightsChecksum: "test")
        let embeddings = try encoder.embed(toy.texts, options: EncodingOptions(maxLength: 8))
        let search = NeuralBeamSearch(heads: result.heads, tree: toy.tree, postProcessor: .sigmoid)
        var right = 0
        for i in toy.texts.indices {
            let top = embeddings.values.withUnsafeBufferPointer { search.clusters(of: $0.baseAddress! + i * 32, beamWidth: 2, onLevel: nil) }
            if top.first?.node == toy.topics[i] { right += 1 }
        }
        #expect(right == toy.texts.count)
    }

    @Test("The same seed and thread count give bit-identical weights (dropout on, two threads)")
    func determinism() throws {
        let toy = ToyProblem()
        let dropout = DropoutRates(hidden: 0.1, attention: 0.1)
        let first = try Self.tuner(toy, epochs: 1, threads: 2, dropout: dropout).run()
        let second = try Self.tuner(toy, epochs: 1, threads: 2, dropout: dropout).run()
        #expect(first.parameters.array == second.parameters.array)
        #expect(first.heads == second.heads)
        let original = try TextEncoder(folder: TextEncoderTests.model)
        #expect(first.parameters.array != original.model.flatParameters(first.layout).array)
    }

    @Test("Frozen layers keep their weights; the others move")
    func frozenLayersStayFixed() throws {
        let toy = ToyProblem()
        var tuner = try Self.tuner(toy, epochs: 1)
        tuner = ClusterFineTuner(encoder: tuner.encoder, texts: tuner.texts, labels: tuner.labels, tree: tuner.tree,
                                 parameters: { var p = tuner.parameters; p.frozenLayers = 1; return p }(),
                                 beamWidth: 1, postProcessor: .sigmoid, seed: 5, threads: 1)
        let result = try tuner.run()
        let original = tuner.encoder.model.flatParameters(result.layout).array, tuned = result.parameters.array
        let boundary = result.layout.trainableStart(frozenLayers: 1)
        #expect(Array(tuned[..<boundary]) == Array(original[..<boundary]))
        #expect(Array(tuned[boundary...]) != Array(original[boundary...]))
    }

    @Test("AdamW's first step moves each weight by the learning rate against its gradient; the schedule warms up then decays")
    func optimizerAndSchedule() {
        let weights = FlatParameters([1, -2, 3]), gradients = FlatParameters([0.5, -0.25, 0])
        let moments = AdamMoments(count: 3)
        let slots = [ParameterSlot(name: "w", shape: [3], offset: 0, decays: false)]
        AdamW(weightDecay: 0).update(weights, gradients: gradients, moments: moments, slots: slots, from: 0, step: 1, learningRate: 0.1)
        #expect(abs(weights.pointer[0] - 0.9) < 1e-5 && abs(weights.pointer[1] + 1.9) < 1e-5 && weights.pointer[2] == 3)
        let schedule = LearningRateSchedule(peak: 1, warmupSteps: 4, totalSteps: 12)
        #expect(schedule.rate(at: 0) == 0.25 && schedule.rate(at: 3) == 1)
        #expect(schedule.rate(at: 4) == 1 && schedule.rate(at: 8) == 0.5 && schedule.rate(at: 12) == 0)
        let clipped = FlatParameters([3, 4])
        #expect(GradientClipping.clip([(clipped.pointer, 2)], maximumNorm: 1) == 5)
        #expect(abs(clipped.pointer[0] - 0.6) < 1e-6 && abs(clipped.pointer[1] - 0.8) < 1e-6)
    }
}
