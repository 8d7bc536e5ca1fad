import XMR

/// A queue of trainings that differ in one hyperparameter: "B in 4 8 16 32", "C in 0.5 1 2".
/// Each value gives one parameter set (the base with that one parameter changed); each training
/// becomes a run of the session.
public struct HyperparameterSweep: Sendable, Equatable {
    /// The hyperparameters a sweep can vary.
    public enum Parameter: String, Sendable, CaseIterable {
        /// Children per node (B).
        case branching = "B"
        /// Largest leaf cluster.
        case maxLeafSize = "max leaf"
        /// Tree depth.
        case depth
        /// Solver cost C.
        case cost = "C"
        /// Weight threshold.
        case threshold
        /// Clustering seed.
        case seed

        /// True when the values are whole numbers.
        public var isInteger: Bool {
            switch self {
            case .branching, .maxLeafSize, .depth, .seed: true
            case .cost, .threshold: false
            }
        }

        /// The values offered when the user has typed none.
        public var suggestedValues: String {
            switch self {
            case .branching: "4 8 16 32"
            case .maxLeafSize: "25 50 100 200"
            case .depth: "1 2 3"
            case .cost: "0.25 0.5 1 2 4"
            case .threshold: "0 0.05 0.1 0.2"
            case .seed: "0 1 2"
            }
        }

        /// `parameters` with this parameter set to `value`.
        public func applying(_ value: Double, to parameters: Pipeline) -> Pipeline {
            var p = parameters
            switch self {
            case .branching: p.indexer.branching = Int(value)
            case .maxLeafSize:
                p.indexer.maxLeafSize = Int(value)
                p.indexer.depth = nil
            case .depth: p.indexer.depth = Int(value)
            case .cost: p.ranker.c = value
            case .threshold: p.ranker.threshold = value
            case .seed: p.seed = Int(value)
            }
            return p
        }
    }

    /// The parameter varied.
    public var parameter: Parameter
    /// Its values, in the order the trainings run.
    public var values: [Double]

    /// A sweep of `parameter` over `values`.
    public init(parameter: Parameter, values: [Double]) {
        self.parameter = parameter
        self.values = values
    }

    /// Parses "4 8 16" or "0.5, 1, 2" for `parameter`; every value must give valid parameters
    /// on `base`. Throws `XRLinearError.invalidParameter` naming the bad value.
    public init(parameter: Parameter, text: String, base: Pipeline) throws {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        guard !parts.isEmpty else {
            throw XRLinearError.invalidParameter(name: parameter.rawValue, message: "give at least one value")
        }
        guard parts.count <= 32 else {
            throw XRLinearError.invalidParameter(name: parameter.rawValue, message: "at most 32 values, got \(parts.count)")
        }
        var values: [Double] = []
        for part in parts {
            let value: Double?
            if parameter.isInteger { value = Int(part).map(Double.init) } else { value = Double(part).flatMap { $0.isFinite ? $0 : nil } }
            guard let value else {
                let kind = parameter.isInteger ? "a whole number" : "a number"
                throw XRLinearError.invalidParameter(name: parameter.rawValue, message: "\"\(part)\" is not \(kind)")
            }
            try parameter.applying(value, to: base).validate()
            values.append(value)
        }
        self.init(parameter: parameter, values: values)
    }

    /// One parameter set per value: `base` with the swept parameter changed.
    public func parameterSets(base: Pipeline) -> [Pipeline] {
        values.map { parameter.applying($0, to: base) }
    }

    /// A value as the user typed it ("16", "0.5").
    public func text(of value: Double) -> String {
        parameter.isInteger || value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// "B = 4, 8, 16, 32".
    public var summary: String {
        "\(parameter.rawValue) = " + values.map(text(of:)).joined(separator: ", ")
    }
}
