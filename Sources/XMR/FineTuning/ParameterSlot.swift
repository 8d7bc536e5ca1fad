/// Where one named tensor lives in a flat parameter buffer, and how the optimizer treats it.
struct ParameterSlot: Sendable, Equatable {
    /// The Hugging Face tensor name (without a `bert.` prefix).
    let name: String
    /// The shape, outermost first.
    let shape: [Int]
    /// The index of its first value in the flat buffer.
    let offset: Int
    /// Whether AdamW's weight decay applies (weights yes; biases and LayerNorm no, as BERT trains).
    let decays: Bool

    /// Number of values.
    var count: Int { shape.reduce(1, *) }
}
