import Foundation

/// Hugging Face's `BertTokenizer`: basic tokenization, then greedy longest-match WordPiece with
/// `##` continuations, then [CLS] … [SEP] and truncation. Gives the same ids as the Python one.
public struct WordPieceTokenizer: Sendable {
    /// The options it was made with.
    public let configuration: TokenizerConfiguration
    /// The vocabulary, id by id.
    public let vocabulary: [String]
    /// Words longer than this many scalars become [UNK] (BertTokenizer's `max_input_chars_per_word`).
    public let maxScalarsPerWord = 100

    private let ids: [[UInt8]: Int32]
    private let basic: BasicTokenizer
    private let specialIds: [(scalars: [Unicode.Scalar], id: Int32)]
    /// The id of the unknown token.
    public let unknownId: Int32
    /// The id that starts every sequence.
    public let classifierId: Int32
    /// The id that ends every sequence.
    public let separatorId: Int32
    /// The padding id.
    public let paddingId: Int32

    /// A tokenizer over `vocabulary` (id = position); `file` names the vocabulary in errors.
    public init(vocabulary: [String], configuration: TokenizerConfiguration = TokenizerConfiguration(),
                file: String = "vocab.txt") throws {
        self.configuration = configuration
        self.vocabulary = vocabulary
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        for (index, token) in vocabulary.enumerated() where ids[Array(token.utf8)] == nil {
            ids[Array(token.utf8)] = Int32(index)
        }
        self.ids = ids
        func id(_ token: String) throws -> Int32 {
            guard let id = ids[Array(token.utf8)] else {
                throw EncoderError.badFile(path: file, message: "the special token \(token) is not in the vocabulary")
            }
            return id
        }
        unknownId = try id(configuration.unknownToken)
        classifierId = try id(configuration.classifierToken)
        separatorId = try id(configuration.separatorToken)
        paddingId = try id(configuration.paddingToken)
        specialIds = configuration.specialTokens.compactMap { token in
            ids[Array(token.utf8)].map { (Array(token.unicodeScalars), $0) }
        }
        basic = BasicTokenizer(lowercase: configuration.lowercase,
                               stripAccents: configuration.stripAccents ?? configuration.lowercase,
                               spaceCJKCharacters: configuration.spaceCJKCharacters)
    }

    /// Reads `vocab.txt` (one token a line; the line number is the id) and `tokenizer_config.json` when present.
    public init(folder: URL) throws {
        let vocabularyURL = folder.appendingPathComponent("vocab.txt")
        let text: String
        do { text = String(decoding: try InputFile.read(vocabularyURL), as: UTF8.self) } catch {
            throw EncoderError.badFile(path: vocabularyURL.path, message: "cannot read the WordPiece vocabulary (\(InputFile.reason(error)))")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw EncoderError.badFile(path: vocabularyURL.path, message: "empty vocabulary") }
        let configURL = folder.appendingPathComponent("tokenizer_config.json")
        let configuration = FileManager.default.fileExists(atPath: configURL.path)
            ? try TokenizerConfiguration(contentsOf: configURL) : TokenizerConfiguration()
        try self.init(vocabulary: lines, configuration: configuration, file: vocabularyURL.path)
    }

    /// The WordPiece ids of `text` without special tokens and without truncation.
    public func pieceIds(_ text: String) -> [Int32] {
        var result: [Int32] = []
        for segment in splitOnSpecialTokens(Array(text.unicodeScalars)) {
            switch segment {
            case let .special(id): result.append(id)
            case let .text(scalars):
                for word in basic.words(String(String.UnicodeScalarView(scalars))) { appendPieces(of: word, to: &result) }
            }
        }
        return result
    }

    /// The ids of `text` as the model reads them: [CLS], at most `maxLength − 2` pieces, [SEP].
    public func encode(_ text: String, maxLength: Int = 128) -> [Int32] {
        let pieces = pieceIds(text)
        return [classifierId] + pieces.prefix(max(0, maxLength - 2)) + [separatorId]
    }

    /// The vocabulary entries of `ids` (for display and debugging).
    public func tokens(_ ids: [Int32]) -> [String] {
        ids.map { $0 >= 0 && Int($0) < vocabulary.count ? vocabulary[Int($0)] : "<\($0)>" }
    }

    private enum Segment { case text([Unicode.Scalar]), special(Int32) }

    /// Splits off special tokens written verbatim in the text, as Hugging Face does before tokenizing.
    private func splitOnSpecialTokens(_ scalars: [Unicode.Scalar]) -> [Segment] {
        guard scalars.contains("[") || specialIds.contains(where: { $0.scalars.first != "[" }) else { return [.text(scalars)] }
        var segments: [Segment] = []
        var start = 0, index = 0
        while index < scalars.count {
            var matched: (length: Int, id: Int32)?
            for special in specialIds where special.scalars.count > (matched?.length ?? 0)
                && index + special.scalars.count <= scalars.count
                && scalars[index..<(index + special.scalars.count)].elementsEqual(special.scalars) {
                matched = (special.scalars.count, special.id)
            }
            if let matched {
                if start < index { segments.append(.text(Array(scalars[start..<index]))) }
                segments.append(.special(matched.id))
                index += matched.length
                start = index
            } else {
                index += 1
            }
        }
        if start < scalars.count { segments.append(.text(Array(scalars[start..<scalars.count]))) }
        return segments
    }

    /// Greedy longest-match WordPiece of one word; a word with an unmatched rest, or too long, is one [UNK].
    private func appendPieces(of word: [Unicode.Scalar], to result: inout [Int32]) {
        guard word.count <= maxScalarsPerWord else { result.append(unknownId); return }
        let utf8 = word.map { Array(String($0).utf8) }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var found: Int32?
            var end = word.count
            while end > start {
                var key: [UInt8] = start > 0 ? [0x23, 0x23] : []
                for i in start..<end { key += utf8[i] }
                if let id = ids[key] { found = id; break }
                end -= 1
            }
            guard let found else { result.append(unknownId); return }
            pieces.append(found)
            start = end
        }
        result += pieces
    }
}
