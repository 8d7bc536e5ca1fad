import ArgumentParser
import XMR

// The engine's prediction formats parse as `--format` values, so `--help` lists them from the type.
extension PredictionFormat: ExpressibleByArgument {}
