import Foundation
import Testing
@testable import XMR

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    static var fixture: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tiny-bert") }

    struct Case: Decodable {
        var text: String
        var do_lower_case: Bool
        var max_length: Int
        var ids: [Int32]
    }
    struct Fixture: Decodable { var cases: [Case] }

    @Test("Same ids as Hugging Face BertTokenizer on tricky strings, lowercased and cased, two max lengths")
    func matchesBertTokenizer() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: Self.fixture.appendingPathComponent("tokens.json")))
        #expect(fixture.cases.count > 100)
        let folder = Self.fixture.appendingPathComponent("model")
        let lower = try WordPieceTokenizer(folder: folder)
        let cased = try WordPieceTokenizer(vocabulary: lower.vocabulary, configuration: TokenizerConfiguration(lowercase: false))
        for c in fixture.cases {
            let ids = (c.do_lower_case ? lower : cased).encode(c.text, maxLength: c.max_length)
            #expect(ids == c.ids, "\(c.text.debugDescription) lowercase \(c.do_lower_case) max \(c.max_length): \(lower.tokens(ids))")
        }
    }

    @Test("Greedy longest match with ##, [UNK] for unmatched and over-long words, [CLS]/[SEP] and truncation")
    func wordPieceRules() throws {
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "unaff", "a", "##a", "!"]
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary)
        #expect(tokenizer.encode("Unaffable!") == [2, 8, 7, 11, 3])
        #expect(tokenizer.encode("unx a") == [2, 1, 9, 3])
        #expect(tokenizer.encode(String(repeating: "a", count: 100)) == [2, 9] + [Int32](repeating: 10, count: 99) + [3])
        #expect(tokenizer.encode(String(repeating: "a", count: 101)) == [2, 1, 3])
        #expect(tokenizer.encode("") == [2, 3])
        #expect(tokenizer.encode("a a a a", maxLength: 4) == [2, 9, 9, 3])
        #expect(throws: EncoderError.self) { try WordPieceTokenizer(vocabulary: ["a", "b"]) }
    }
}
