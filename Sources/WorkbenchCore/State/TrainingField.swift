import Foundation

/// One row of the Train screen's hyperparameter form: how it is shown, edited and validated.
public enum TrainingField: Int, Sendable, Hashable, CaseIterable {
    case branching, maxLeafSize, depth, beamWidth, topK, representation, solver, cost, threshold,
         negatives, seed, threads

    /// The label shown in the form.
    public var title: String {
        switch self {
        case .branching: "Branching B"
        case .maxLeafSize: "Max leaf size"
        case .depth: "Depth"
        case .beamWidth: "Beam width"
        case .topK: "Top-k"
        case .representation: "Representation"
        case .solver: "Solver"
        case .cost: "C"
        case .threshold: "Threshold"
        case .negatives: "Negatives"
        case .seed: "Seed"
        case .threads: "Threads"
        }
    }

    /// A one-line explanation shown under the form for the selected field.
    public var help: String {
        switch self {
        case .branching: "children per tree node, 2–256"
        case .maxLeafSize: "largest leaf cluster (used when depth is auto)"
        case .depth: "levels below the root; auto = from max leaf size"
        case .beamWidth: "nodes kept per level at inference, 1–1000"
        case .topK: "labels returned per query, 1–1000"
        case .representation: "label vectors for clustering (Enter cycles)"
        case .solver: "binary solver per node (Enter cycles)"
        case .cost: "regularization constant, > 0"
        case .threshold: "drop weights with |w| below this, ≥ 0"
        case .negatives: "negatives per child classifier (Enter cycles)"
        case .seed: "clustering seed, ≥ 0"
        case .threads: "worker threads, 1–256"
        }
    }

    /// The choices of a choice field (cycled with Enter, Space, ←/→), or nil for typed fields.
    public var choices: [String]? {
        switch self {
        case .representation: TrainingParameters.Representation.allCases.map(\.rawValue)
        case .solver: TrainingParameters.Solver.allCases.map(\.rawValue)
        case .negatives: TrainingParameters.Negatives.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// The field's current value in `parameters`, as shown and edited.
    public func value(in parameters: TrainingParameters) -> String {
        switch self {
        case .branching: "\(parameters.branching)"
        case .maxLeafSize: "\(parameters.maxLeafSize)"
        case .depth: parameters.depth.map { "\($0)" } ?? "auto"
        case .beamWidth: "\(parameters.beamWidth)"
        case .topK: "\(parameters.topK)"
        case .representation: parameters.representation.rawValue
        case .solver: parameters.solver.rawValue
        case .cost: Self.decimalText(parameters.cost)
        case .threshold: Self.decimalText(parameters.threshold)
        case .negatives: parameters.negatives.rawValue
        case .seed: "\(parameters.seed)"
        case .threads: "\(parameters.threads)"
        }
    }

    /// The value when `parameters` equals the defaults, for the "default" marker.
    public func isDefault(in parameters: TrainingParameters) -> Bool {
        value(in: parameters) == value(in: TrainingParameters())
    }

    /// Parses and validates `text` into `parameters`; returns an error message when invalid.
    public func assign(_ text: String, to parameters: inout TrainingParameters) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func integer(_ range: ClosedRange<Int>) -> Int? {
            guard let v = Int(trimmed), range.contains(v) else { return nil }
            return v
        }
        func rangeError(_ range: ClosedRange<Int>) -> String {
            "\(title) must be a whole number from \(range.lowerBound) to \(Format.count(range.upperBound))"
        }
        switch self {
        case .branching:
            guard let v = integer(2...256) else { return rangeError(2...256) }
            parameters.branching = v
        case .maxLeafSize:
            guard let v = integer(1...1_000_000) else { return rangeError(1...1_000_000) }
            parameters.maxLeafSize = v
        case .depth:
            if trimmed.isEmpty || trimmed.lowercased() == "auto" {
                parameters.depth = nil
            } else {
                guard let v = integer(1...32) else { return "Depth must be auto or a whole number from 1 to 32" }
                parameters.depth = v
            }
        case .beamWidth:
            guard let v = integer(1...1000) else { return rangeError(1...1000) }
            parameters.beamWidth = v
        case .topK:
            guard let v = integer(1...1000) else { return rangeError(1...1000) }
            parameters.topK = v
        case .cost:
            guard let v = Double(trimmed), v.isFinite, v > 0 else { return "C must be a number greater than 0" }
            parameters.cost = v
        case .threshold:
            guard let v = Double(trimmed), v.isFinite, v >= 0 else { return "Threshold must be a number ≥ 0" }
            parameters.threshold = v
        case .seed:
            guard let v = integer(0...Int(Int32.max)) else { return rangeError(0...Int(Int32.max)) }
            parameters.seed = v
        case .threads:
            guard let v = integer(1...256) else { return rangeError(1...256) }
            parameters.threads = v
        case .representation, .solver, .negatives:
            guard let choices, choices.contains(trimmed) else {
                return "\(title) must be one of \(choices?.joined(separator: ", ") ?? "")"
            }
            switch self {
            case .representation: parameters.representation = .init(rawValue: trimmed)!
            case .solver: parameters.solver = .init(rawValue: trimmed)!
            default: parameters.negatives = .init(rawValue: trimmed)!
            }
        }
        return nil
    }

    /// Moves a choice field to its next (`step` = 1) or previous (-1) choice.
    public func cycle(_ parameters: inout TrainingParameters, step: Int) {
        guard let choices else { return }
        let current = choices.firstIndex(of: value(in: parameters)) ?? 0
        let next = (current + step + choices.count) % choices.count
        _ = assign(choices[next], to: &parameters)
    }

    /// A short decimal without trailing zeros: 1, 0.1, 0.25.
    static func decimalText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int(value))" }
        return "\(value)"
    }
}
