/// Writes ranked predictions in one format, block by block, flushing each block.
public protocol PredictionWriter {
    /// Writes the lines of `block` and flushes them, so a reader downstream sees them at once.
    mutating func write(_ block: PredictionBlock) throws
    /// Writes anything still held back (an `xc` header waiting for the point count) and flushes.
    mutating func finish() throws
}
