import Foundation
import XMR

/// A prediction writer that keeps every block in memory, for output that needs them all (`--json`).
struct CollectedPredictions: PredictionWriter {
    /// The blocks, in order.
    private(set) var blocks: [PredictionBlock] = []
    /// Seconds from the first block written to `finish()`.
    private(set) var seconds = 0.0
    private let start = Date()

    mutating func write(_ block: PredictionBlock) throws { blocks.append(block) }

    mutating func finish() throws { seconds = Date().timeIntervalSince(start) }
}
