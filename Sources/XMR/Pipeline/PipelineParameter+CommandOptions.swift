extension PipelineParameter {
    /// The first of a command's whole-number options outside its parameter's range, as
    /// "--NAME must be between …, got …" (for options such as `xmr eval --beam-width` that are
    /// not stored in a pipeline), or nil; an option not given (nil) passes.
    public static func firstOptionProblem(_ options: KeyValuePairs<PipelineParameter, Int?>) -> String? {
        for (parameter, value) in options {
            if let value, let problem = parameter.problem(with: value) { return "--\(parameter.name) \(problem)" }
        }
        return nil
    }
}
