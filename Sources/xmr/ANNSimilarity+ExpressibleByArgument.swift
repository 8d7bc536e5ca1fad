import ArgumentParser
import XMR

/// `--similarity ip|cosine|l2`: parsing and the help text's choices come from the engine's enum.
extension ANNSimilarity: ExpressibleByArgument {}
