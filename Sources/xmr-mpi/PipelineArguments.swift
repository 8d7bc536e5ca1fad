import ArgumentParser
import XMR

/// The pipeline options of `xmr-mpi train`, `--NAME VALUE` for every parameter of the engine's
/// table (`PipelineParameter`: the names, ranges and defaults of `xmr train`).
struct PipelineArguments {
    /// The options as given, for example `["--branching", "8", "--seed=3"]`.
    var arguments: [String]

    /// The help text: every parameter with its range.
    static var help: String {
        PipelineParameter.allCases.map { "--\($0.name) (\($0.rangeText))" }.joined(separator: ", ")
    }

    /// The pipeline these options describe; a bad name or value is a usage error naming the option.
    func pipeline() throws -> Pipeline {
        var pipeline = Pipeline()
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard option.hasPrefix("--") else { throw ValidationError("unexpected argument '\(option)'") }
            var name = String(option.dropFirst(2))
            var value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else {
                guard let next = rest.popFirst() else { throw ValidationError("missing value for '--\(name)'") }
                value = next
            }
            guard let parameter = PipelineParameter.allCases.first(where: { $0.name == name }) else {
                throw ValidationError("unknown option '--\(name)'")
            }
            if let problem = parameter.assign(value, to: &pipeline) { throw ValidationError("--\(name): \(problem)") }
        }
        do { try pipeline.validate() } catch let XRLinearError.invalidParameter(name, message) {
            throw ValidationError("--\(name) \(message)")
        }
        guard pipeline.matcher.algorithm == .linear else {
            throw ValidationError("--\(PipelineParameter.matcher.name) must be linear for distributed training")
        }
        guard pipeline.ranker.negatives == .tfn else {
            throw ValidationError("--\(PipelineParameter.negatives.name) must be tfn for distributed training (man and tfn+man negatives come from beams through every subtree)")
        }
        return pipeline
    }
}
