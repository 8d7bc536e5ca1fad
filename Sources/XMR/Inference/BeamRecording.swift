/// Collects, per query, the nodes kept at every level during a batch prediction.
public final class BeamRecording: Sendable {
    // `ResultSlots` is written by one worker per query, read after the batch.
    let slots: ResultSlots<[[Int32]]>

    /// Room for `count` queries.
    public init(count: Int) { slots = ResultSlots(count: count, initial: []) }

    /// `beams[i][t - 1]`: the nodes query i kept at level t.
    public func beams() -> [[[Int32]]] { slots.array() }
}
