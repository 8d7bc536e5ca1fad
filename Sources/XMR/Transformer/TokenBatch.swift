/// Token sequences packed one after another without padding: sequence `s` is the tokens
/// `offsets[s] ..< offsets[s + 1]`. Attention stays within a sequence, which is what an
/// attention mask over a padded batch computes, without the padded rows.
struct TokenBatch: Sendable {
    /// The token ids of all sequences, concatenated.
    let ids: [Int32]
    /// Where each sequence starts in `ids`, plus the end (`sequenceCount + 1` entries).
    let offsets: [Int]

    /// Packs `sequences`.
    init(_ sequences: [[Int32]]) {
        var offsets = [0]
        offsets.reserveCapacity(sequences.count + 1)
        for sequence in sequences { offsets.append(offsets.last! + sequence.count) }
        self.offsets = offsets
        ids = sequences.flatMap { $0 }
    }

    /// Number of sequences.
    var sequenceCount: Int { offsets.count - 1 }
    /// Number of tokens in all sequences.
    var tokenCount: Int { ids.count }
    /// The length of sequence `s`.
    func length(_ s: Int) -> Int { offsets[s + 1] - offsets[s] }
    /// The longest sequence.
    var maxLength: Int { (0..<sequenceCount).map(length).max() ?? 0 }
}
