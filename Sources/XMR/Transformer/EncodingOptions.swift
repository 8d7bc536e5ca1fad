/// How `TextEncoder.embed` batches and runs.
public struct EncodingOptions: Sendable, Equatable {
    /// Texts per batch (batches are formed after sorting the texts by token count).
    public var batchSize: Int
    /// Tokens per text, [CLS] and [SEP] included; longer texts are truncated. At most the model's positions.
    public var maxLength: Int
    /// Worker threads (0 means every active core).
    public var threads: Int

    /// The defaults: batches of 32, 128 tokens, one thread.
    public init(batchSize: Int = 32, maxLength: Int = 128, threads: Int = 1) {
        self.batchSize = batchSize
        self.maxLength = maxLength
        self.threads = threads
    }
}
