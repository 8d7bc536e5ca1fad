import Foundation

/// The options of a Hugging Face `BertTokenizer`, read from `tokenizer_config.json`.
public struct TokenizerConfiguration: Sendable, Equatable {
    /// Lowercase the text (and strip accents unless `stripAccents` is false).
    public var lowercase: Bool
    /// Strip accents (NFD, then drop combining marks); `nil` follows `lowercase`.
    public var stripAccents: Bool?
    /// Put spaces around CJK ideographs so that each is its own word.
    public var spaceCJKCharacters: Bool
    /// The unknown token.
    public var unknownToken: String
    /// The token that starts every sequence.
    public var classifierToken: String
    /// The token that ends every sequence.
    public var separatorToken: String
    /// The padding token.
    public var paddingToken: String
    /// The mask token.
    public var maskToken: String

    /// BertTokenizer's defaults: lowercasing, accent stripping, CJK spacing, the usual special tokens.
    public init(lowercase: Bool = true, stripAccents: Bool? = nil, spaceCJKCharacters: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.spaceCJKCharacters = spaceCJKCharacters
        unknownToken = "[UNK]"
        classifierToken = "[CLS]"
        separatorToken = "[SEP]"
        paddingToken = "[PAD]"
        maskToken = "[MASK]"
    }

    /// The tokenizer classes that this WordPiece implementation reproduces.
    public static let supportedClasses: Set<String> = ["BertTokenizer", "BertTokenizerFast", "DistilBertTokenizer",
                                                       "DistilBertTokenizerFast"]

    /// Reads `tokenizer_config.json`; another tokenizer class or basic tokenization turned off
    /// is an error naming the file and the field.
    public init(contentsOf url: URL) throws {
        let json = try JSONObject(contentsOf: url)
        if let tokenizerClass = try json.string("tokenizer_class"), !Self.supportedClasses.contains(tokenizerClass) {
            throw json.error("tokenizer_class", "unsupported tokenizer \"\(tokenizerClass)\" (supported: BertTokenizer)")
        }
        if try json.boolean("do_basic_tokenize") == false {
            throw json.error("do_basic_tokenize", "unsupported: false")
        }
        self.init(lowercase: try json.boolean("do_lower_case") ?? true,
                  stripAccents: try json.boolean("strip_accents"),
                  spaceCJKCharacters: try json.boolean("tokenize_chinese_chars") ?? true)
        func token(_ field: String) throws -> String? {
            if json.isAbsent(field) { return nil }
            if let text = json.fields[field] as? String { return text }
            // Newer files write a special token as an object with its "content".
            if let object = json.fields[field] as? [String: Any], let content = object["content"] as? String { return content }
            throw json.error(field, "expected a token string")
        }
        unknownToken = try token("unk_token") ?? unknownToken
        classifierToken = try token("cls_token") ?? classifierToken
        separatorToken = try token("sep_token") ?? separatorToken
        paddingToken = try token("pad_token") ?? paddingToken
        maskToken = try token("mask_token") ?? maskToken
    }

    /// The special tokens, which are matched verbatim in a text before any other tokenization.
    public var specialTokens: [String] { [unknownToken, classifierToken, separatorToken, paddingToken, maskToken] }
}
