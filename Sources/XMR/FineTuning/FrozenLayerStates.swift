/// The token states of every training text after the frozen bottom layers, computed once: while
/// the embeddings and the bottom K layers are fixed (and run without dropout), their output per
/// text never changes, so each step runs only the layers above K.
///
/// `@unchecked Sendable`: written once while it is built (each worker its own texts), then only read.
final class FrozenLayerStates: @unchecked Sendable {
    /// The number of bottom layers the states have passed through.
    let layers: Int
    /// Where each text's tokens start in `values` (in tokens), plus the end.
    let offsets: [Int]
    /// Tokens × hidden values, text after text.
    let values: FlatParameters
    private let width: Int

    /// Runs `sequences` through the embeddings and the bottom `layers` layers of the workers'
    /// model, on every worker (contiguous shares, `batchSize` texts at a time).
    init(sequences: [[Int32]], layers: Int, width: Int, workers: [FineTuningWorker], batchSize: Int) {
        self.layers = layers
        self.width = width
        var starts = [0]
        starts.reserveCapacity(sequences.count + 1)
        for sequence in sequences { starts.append(starts.last! + sequence.count) }
        offsets = starts
        values = FlatParameters(count: starts.last! * width)
        let offsets = starts, count = sequences.count, shares = max(1, min(workers.count, count)), values = values, batch = max(1, batchSize)
        runParallel(workers: shares) { k in
            let begin = k * count / shares, end = (k + 1) * count / shares
            for first in stride(from: begin, to: end, by: batch) {
                let last = min(end, first + batch)
                let states = workers[k].pass.forwardPrefix(TokenBatch(Array(sequences[first..<last])), layers: layers)
                (values.pointer + offsets[first] * width).update(from: states, count: (offsets[last] - offsets[first]) * width)
            }
        }
    }

    /// The states of `texts`, packed in that order like a `TokenBatch` of their sequences.
    func gather(_ texts: [Int], into buffer: ActivationBuffer) {
        buffer.resize(texts.reduce(0) { $0 + offsets[$1 + 1] - offsets[$1] } * width)
        var target = buffer.pointer
        for t in texts {
            let count = (offsets[t + 1] - offsets[t]) * width
            target.update(from: values.pointer + offsets[t] * width, count: count)
            target += count
        }
    }
}
