import ArgumentParser
import XMR

// The engine's choices parse as option values directly, so `--help` lists them from the type.
extension FeatureSource: ExpressibleByArgument {
    /// A raw value, or `tfidf` for `texts`.
    public init?(argument: String) { self.init(name: argument) }
}
extension LabelRepresentation: ExpressibleByArgument {}
extension IndexerAlgorithm: ExpressibleByArgument {}
extension MatcherAlgorithm: ExpressibleByArgument {}
extension LinearSolverKind: ExpressibleByArgument {}
extension NegativeSampling: ExpressibleByArgument {}
extension PostProcessor: ExpressibleByArgument {}
extension PredictionFormat: ExpressibleByArgument {}
extension CalibrationMethod: ExpressibleByArgument {}
extension ThresholdTuning.Objective: ExpressibleByArgument {}
