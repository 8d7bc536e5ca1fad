/// The input embeddings: word + position + token type 0, then LayerNorm.
struct BertEmbeddings: Sendable {
    /// vocabulary × hidden.
    let words: FloatTensor
    /// positions × hidden.
    let positions: FloatTensor
    /// token types × hidden.
    let tokenTypes: FloatTensor
    /// The LayerNorm over the sum.
    let norm: LayerNormalization

    /// Writes the embedded, normalized tokens of `batch` into `hidden` (tokens × hidden).
    func forward(_ batch: TokenBatch, into hidden: UnsafeMutablePointer<Float>) {
        sum(batch, into: hidden)
        norm.forward(hidden, rows: batch.tokenCount)
    }

    /// Writes word + position + token type 0 of every token of `batch` into `hidden`, before the LayerNorm.
    func sum(_ batch: TokenBatch, into hidden: UnsafeMutablePointer<Float>) {
        let width = words.shape[1]
        let words = words.base, positions = positions.base, type0 = tokenTypes.base
        for s in 0..<batch.sequenceCount {
            for t in 0..<batch.length(s) {
                let token = batch.offsets[s] + t
                let row = hidden + token * width
                let word = words + Int(batch.ids[token]) * width, position = positions + t * width
                for c in 0..<width { row[c] = word[c] + position[c] + type0[c] }
            }
        }
    }
}
