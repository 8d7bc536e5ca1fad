import Foundation
import XMR

/// One row of the Train screen's form: a parameter of the engine's table (`PipelineParameter`),
/// which gives its title, help, range, default, parsing and validation, the same ones
/// `xmr train --help` shows.
public enum TrainingField: Int, Sendable, Hashable, CaseIterable {
    // In pipeline order: features, representation, indexer, matcher, ranker; then the shared ones.
    case features, encoder, maxLength, representation, spectralDimension, indexer, graphNeighbors, labelTree
    case branching, maxLeafSize, depth, matcher, hnswM, hnswEfConstruction, hnswEf
    case epochs, learningRate, headLearningRate, freezeLayers, fineTuneMaxLength, batchSize, beamWidth, topK
    case solver, cost, threshold, negatives, seed, threads

    /// The rows the form shows for `pipeline`, in order: a stage's own parameters only appear once
    /// the stage is chosen (the encoder's max length with an encoder, the spectral dimension with
    /// a spectral representation, the HNSW ones with an HNSW matcher or indexer, the fine-tuning
    /// ones with the neural matcher).
    public static func visible(in pipeline: Pipeline) -> [TrainingField] {
        allCases.filter { $0.isShown(in: pipeline) }
    }

    /// Whether the row applies to `pipeline` (see `visible(in:)`).
    public func isShown(in pipeline: Pipeline) -> Bool {
        let hnswMatcher = pipeline.matcher.algorithm == .hnsw
        let hnswIndexer = pipeline.indexer.algorithm == .hnswGraph
        switch self {
        case .maxLength: return pipeline.encoder != nil
        case .spectralDimension:
            return pipeline.representation.algorithm == .spectral || pipeline.representation.algorithm == .pifaWithSpectral
        case .graphNeighbors: return hnswIndexer
        case .hnswM, .hnswEfConstruction, .hnswEf: return hnswMatcher || hnswIndexer
        case .epochs, .learningRate, .headLearningRate, .freezeLayers, .fineTuneMaxLength, .batchSize:
            return pipeline.matcher.algorithm == .neural
        default: return true
        }
    }

    /// The engine parameter of this row.
    public var parameter: PipelineParameter {
        switch self {
        case .branching: .branching
        case .maxLeafSize: .maxLeafSize
        case .depth: .depth
        case .beamWidth: .beamWidth
        case .topK: .topK
        case .features: .features
        case .encoder: .encoder
        case .maxLength: .maxLength
        case .spectralDimension: .spectralDimension
        case .graphNeighbors: .graphNeighbors
        case .hnswM: .hnswM
        case .hnswEfConstruction: .hnswEfConstruction
        case .hnswEf: .hnswEf
        case .epochs: .epochs
        case .learningRate: .learningRate
        case .headLearningRate: .headLearningRate
        case .freezeLayers: .freezeLayers
        case .fineTuneMaxLength: .fineTuneMaxLength
        case .batchSize: .batchSize
        case .representation: .representation
        case .indexer: .indexer
        case .labelTree: .labelTree
        case .matcher: .matcher
        case .solver: .solver
        case .cost: .c
        case .threshold: .threshold
        case .negatives: .negatives
        case .seed: .seed
        case .threads: .threads
        }
    }

    /// The label shown in the form.
    public var title: String { parameter.title }

    /// A one-line explanation shown under the form for the selected field, with its range.
    public var help: String {
        if case .choice = parameter.kind { return "\(parameter.summary) (Enter cycles)" }
        if self == .encoder { return "\(parameter.summary): config.json, vocab.txt, model.safetensors; none for TF-IDF only" }
        return "\(parameter.summary); \(parameter.rangeText)"
    }

    /// The choices of a choice field (cycled with Enter, Space, ←/→), or nil for typed fields.
    public var choices: [String]? {
        if case .choice(let names) = parameter.kind { return names }
        return nil
    }

    /// The field's current value in `pipeline`, as shown and edited.
    public func value(in pipeline: Pipeline) -> String { parameter.value(in: pipeline) }

    /// Whether the value in `pipeline` is the default (non-defaults are shown in bold).
    public func isDefault(in pipeline: Pipeline) -> Bool { parameter.isDefault(in: pipeline) }

    /// Parses and validates `text` into `pipeline`; returns an error message when invalid. An
    /// encoder folder must open as one (`TextEncoder`), so a wrong path is caught in the form.
    public func assign(_ text: String, to pipeline: inout Pipeline) -> String? {
        var edited = pipeline
        if let error = parameter.assign(text, to: &edited) { return error }
        if self == .encoder, let reference = edited.encoder {
            do { _ = try TextEncoder(folder: URL(fileURLWithPath: reference.path)) } catch {
                return "\(error)"
            }
        }
        pipeline = edited
        return nil
    }

    /// Moves a choice field to its next (`step` = 1) or previous (-1) choice.
    public func cycle(_ pipeline: inout Pipeline, step: Int) { parameter.cycle(&pipeline, step: step) }

    /// A short decimal without trailing zeros: 1, 0.1, 0.25.
    static func decimalText(_ value: Double) -> String { PipelineParameter.decimalText(value) }
}
