import Foundation

/// The architecture of a BERT-family encoder, read from a Hugging Face `config.json`.
public struct BertConfiguration: Sendable, Equatable {
    /// Number of WordPiece ids.
    public var vocabularySize: Int
    /// Width of every token's hidden vector.
    public var hiddenSize: Int
    /// Number of transformer layers.
    public var layerCount: Int
    /// Number of attention heads per layer (they split `hiddenSize`).
    public var headCount: Int
    /// Width of the feed-forward layer.
    public var intermediateSize: Int
    /// Number of learned positions: the longest input in tokens.
    public var maxPositions: Int
    /// Number of token types (segment ids).
    public var typeVocabularySize: Int
    /// The epsilon of every LayerNorm.
    public var layerNormEpsilon: Float

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    /// The model types that share the BERT architecture and tensor names.
    public static let supportedModelTypes: Set<String> = ["bert"]

    /// A configuration from its fields.
    public init(vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
                maxPositions: Int, typeVocabularySize: Int, layerNormEpsilon: Float) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// Reads `config.json`; an unsupported `model_type`, activation or position embedding is an
    /// error naming the file and the field.
    public init(contentsOf url: URL) throws {
        let json = try JSONObject(contentsOf: url)
        guard let modelType = try json.string("model_type") else { throw json.error("model_type", "missing") }
        guard Self.supportedModelTypes.contains(modelType) else {
            throw json.error("model_type", "unsupported model type \"\(modelType)\" (supported: bert)")
        }
        let activation = try json.string("hidden_act") ?? "gelu"
        guard activation == "gelu" else {
            throw json.error("hidden_act", "unsupported activation \"\(activation)\" (supported: gelu)")
        }
        let positions = try json.string("position_embedding_type") ?? "absolute"
        guard positions == "absolute" else {
            throw json.error("position_embedding_type", "unsupported \"\(positions)\" (supported: absolute)")
        }
        if try json.boolean("is_decoder") == true { throw json.error("is_decoder", "decoders are not supported") }
        self.init(
            vocabularySize: try json.integer("vocab_size"),
            hiddenSize: try json.integer("hidden_size"),
            layerCount: try json.integer("num_hidden_layers"),
            headCount: try json.integer("num_attention_heads"),
            intermediateSize: try json.integer("intermediate_size"),
            maxPositions: try json.integer("max_position_embeddings", default: 512),
            typeVocabularySize: try json.integer("type_vocab_size", default: 2),
            layerNormEpsilon: Float(try json.number("layer_norm_eps", default: 1e-12)))
        for (field, value) in [("vocab_size", vocabularySize), ("hidden_size", hiddenSize),
                               ("num_hidden_layers", layerCount), ("num_attention_heads", headCount),
                               ("intermediate_size", intermediateSize), ("max_position_embeddings", maxPositions),
                               ("type_vocab_size", typeVocabularySize)] where value < 1 || value > 1 << 24 {
            throw json.error(field, "\(value) is out of range")
        }
        guard hiddenSize % headCount == 0 else {
            throw json.error("num_attention_heads", "\(headCount) heads do not divide hidden_size \(hiddenSize)")
        }
    }
}
