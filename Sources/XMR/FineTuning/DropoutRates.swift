/// The dropout of a fine-tuning run, as BERT places it: on the hidden states (after the
/// embeddings and before each residual add) and on the attention probabilities.
public struct DropoutRates: Sendable, Hashable, Codable {
    /// `hidden_dropout_prob`.
    public var hidden: Float
    /// `attention_probs_dropout_prob`.
    public var attention: Float

    /// Rates from their values (0 turns dropout off).
    public init(hidden: Float, attention: Float) {
        self.hidden = hidden
        self.attention = attention
    }

    /// No dropout: what inference computes.
    public static let none = DropoutRates(hidden: 0, attention: 0)
}
