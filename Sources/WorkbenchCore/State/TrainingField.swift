import XMR

/// One row of the Train screen's form: a parameter of the engine's table (`PipelineParameter`),
/// which gives its title, help, range, default, parsing and validation, the same ones
/// `xmr train --help` shows.
public enum TrainingField: Int, Sendable, Hashable, CaseIterable {
    // In pipeline order: features, representation, indexer, matcher, ranker; then the shared ones.
    case features, representation, indexer, labelTree, branching, maxLeafSize, depth, matcher, beamWidth, topK
    case solver, cost, threshold, negatives, seed, threads

    /// The engine parameter of this row.
    public var parameter: PipelineParameter {
        switch self {
        case .branching: .branching
        case .maxLeafSize: .maxLeafSize
        case .depth: .depth
        case .beamWidth: .beamWidth
        case .topK: .topK
        case .features: .features
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

    /// Parses and validates `text` into `pipeline`; returns an error message when invalid.
    public func assign(_ text: String, to pipeline: inout Pipeline) -> String? { parameter.assign(text, to: &pipeline) }

    /// Moves a choice field to its next (`step` = 1) or previous (-1) choice.
    public func cycle(_ pipeline: inout Pipeline, step: Int) { parameter.cycle(&pipeline, step: step) }

    /// A short decimal without trailing zeros: 1, 0.1, 0.25.
    static func decimalText(_ value: Double) -> String { PipelineParameter.decimalText(value) }
}
