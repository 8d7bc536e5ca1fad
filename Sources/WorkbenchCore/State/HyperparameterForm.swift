/// The Runs screen's small form for a hyperparameter sweep: which parameter, and its values.
public struct HyperparameterForm: Sendable, Equatable {
    /// The parameter varied.
    public var parameter: HyperparameterSweep.Parameter = .branching
    /// The values being typed.
    public var editor = LineEditor(text: HyperparameterSweep.Parameter.branching.suggestedValues)
    /// Why the values were refused, if they were.
    public var error: String?

    /// A form for B with its suggested values.
    public init() {}

    /// Switches to the next (`step` 1) or previous (-1) parameter, offering its suggested values
    /// unless the user typed values of their own.
    public mutating func cycle(_ step: Int) {
        let all = HyperparameterSweep.Parameter.allCases
        let wasSuggested = editor.text == parameter.suggestedValues
        let index = all.firstIndex(of: parameter)!
        parameter = all[((index + step) % all.count + all.count) % all.count]
        if wasSuggested || editor.text.isEmpty { editor = LineEditor(text: parameter.suggestedValues) }
        error = nil
    }
}
