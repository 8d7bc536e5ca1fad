import Foundation
import Testing
@testable import XMR

@Suite("Transformer text encoder")
struct TextEncoderTests {
    static var fixture: URL { WordPieceTokenizerTests.fixture }
    static var model: URL { fixture.appendingPathComponent("model") }

    static func texts() throws -> [String] {
        var lines = try String(contentsOf: fixture.appendingPathComponent("texts.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func minimumCosine(_ a: DenseMatrix, _ b: DenseMatrix) -> Float {
        (0..<a.rows).map { r in zip(a.row(r), b.row(r)).reduce(Float(0)) { $0 + $1.0 * $1.1 } }.min() ?? 0
    }

    /// A copy of the tiny model folder in `folder`, with `edit` applied to it.
    static func copyOfModel(in folder: TemporaryFolder, _ edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let copy = folder.url.appendingPathComponent("model")
        try FileManager.default.copyItem(at: model, to: copy)
        try edit(copy)
        return copy
    }

    @Test("Mean pooling matches transformers' BertModel on 20 texts (cosine ≥ 0.99999)")
    func meanPoolingMatchesReference() throws {
        let encoder = try TextEncoder(folder: Self.model)
        #expect(encoder.pooling == .mean)
        let texts = try Self.texts()
        #expect(texts.count == 20)
        let reference = try DenseMatrix.readNumpy(from: Self.fixture.appendingPathComponent("reference-mean.npy"))
        let embeddings = try encoder.embed(texts, options: EncodingOptions(batchSize: 6, threads: 2))
        #expect(embeddings.rows == 20 && embeddings.columns == 32)
        #expect(Self.minimumCosine(embeddings, reference) >= 0.99999)
    }

    @Test("[CLS] pooling, as 1_Pooling/config.json says, matches the reference")
    func clsPoolingMatchesReference() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = try Self.copyOfModel(in: folder) { copy in
            try Data(#"{"word_embedding_dimension": 32, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#.utf8)
                .write(to: copy.appendingPathComponent("1_Pooling/config.json"))
        }
        let encoder = try TextEncoder(folder: copy)
        #expect(encoder.pooling == .cls)
        let reference = try DenseMatrix.readNumpy(from: Self.fixture.appendingPathComponent("reference-cls.npy"))
        #expect(Self.minimumCosine(try encoder.embed(try Self.texts()), reference) >= 0.99999)
    }

    @Test("Batch size, length order and threads do not change an embedding")
    func batchingInvariance() throws {
        let encoder = try TextEncoder(folder: Self.model)
        let texts = try Self.texts()
        let one = try encoder.embed(texts, options: EncodingOptions(batchSize: 1, threads: 1))
        let many = try encoder.embed(texts.reversed(), options: EncodingOptions(batchSize: 7, threads: 2))
        for r in 0..<texts.count {
            for (a, b) in zip(one.row(r), many.row(texts.count - 1 - r)) { #expect(abs(a - b) < 1e-5) }
        }
        #expect(try encoder.embed([]).rows == 0)
    }

    @Test("Bad parameters are errors naming the parameter")
    func badOptions() throws {
        let encoder = try TextEncoder(folder: Self.model)
        #expect(throws: EncoderError.invalidParameter(name: "max-length", message: "must be 2–256 (the model's positions)")) {
            try encoder.embed(["a"], options: EncodingOptions(maxLength: 1000))
        }
        #expect(throws: EncoderError.self) { try encoder.embed(["a"], options: EncodingOptions(batchSize: 0)) }
        #expect(throws: EncoderError.invalidParameter(name: "threads", message: "must be 0 (all cores) to 1024")) {
            try encoder.embed(["a"], options: EncodingOptions(threads: 2_147_483_648))
        }
        let token = CancellationToken()
        token.cancel()
        #expect(throws: EncoderError.cancelled) { try encoder.embed(["a"], cancellation: token) }
    }

    /// The one-line error `TextEncoder(folder:)` throws after `edit`.
    static func loadError(_ edit: (URL) throws -> Void) throws -> String {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let copy = try copyOfModel(in: folder, edit)
        do {
            _ = try TextEncoder(folder: copy)
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    static func editJSON(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    @Test("A bad folder gives a one-line error naming the file and the field")
    func badFolders() throws {
        let cases: [(String, String, (URL) throws -> Void)] = [
            ("vocab.txt", "cannot read", { try FileManager.default.removeItem(at: $0.appendingPathComponent("vocab.txt")) }),
            ("config.json", "model_type: unsupported model type \"gpt2\"", {
                try Self.editJSON($0.appendingPathComponent("config.json")) { $0["model_type"] = "gpt2" } }),
            ("config.json", "hidden_act: unsupported activation \"relu\"", {
                try Self.editJSON($0.appendingPathComponent("config.json")) { $0["hidden_act"] = "relu" } }),
            ("config.json", "hidden_size: missing", {
                try Self.editJSON($0.appendingPathComponent("config.json")) { $0["hidden_size"] = nil } }),
            ("model.safetensors", "tensor embeddings.word_embeddings.weight has shape [375, 32], expected [375, 48]", {
                try Self.editJSON($0.appendingPathComponent("config.json")) { $0["hidden_size"] = 48 } }),
            ("1_Pooling/config.json", "pooling_mode_max_tokens: unsupported pooling", {
                try Data(#"{"pooling_mode_max_tokens": true}"#.utf8).write(to: $0.appendingPathComponent("1_Pooling/config.json")) }),
            ("tokenizer_config.json", "tokenizer_class: unsupported tokenizer \"XLMRobertaTokenizer\"", {
                try Self.editJSON($0.appendingPathComponent("tokenizer_config.json")) { $0["tokenizer_class"] = "XLMRobertaTokenizer" } }),
            ("model.safetensors", "missing", { try FileManager.default.removeItem(at: $0.appendingPathComponent("model.safetensors")) }),
            ("model.safetensors", "runs past the end of the file", {
                let url = $0.appendingPathComponent("model.safetensors")
                try Data(contentsOf: url).prefix(2000).write(to: url) }),
            // A folder or a FIFO where a file should be: a plain reason, never a Foundation error
            // code, and never a blocked open.
            ("config.json", "is a folder, not a file", {
                let url = $0.appendingPathComponent("config.json")
                try FileManager.default.removeItem(at: url)
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) }),
            ("vocab.txt", "is a FIFO", {
                let url = $0.appendingPathComponent("vocab.txt")
                try FileManager.default.removeItem(at: url)
                #expect(mkfifo(url.path, 0o600) == 0) }),
            ("model.safetensors", "is a FIFO", {
                let url = $0.appendingPathComponent("model.safetensors")
                try FileManager.default.removeItem(at: url)
                #expect(mkfifo(url.path, 0o600) == 0) }),
        ]
        for (file, message, edit) in cases {
            let error = try Self.loadError(edit)
            #expect(error.contains(file + ":") && error.contains(message) && !error.contains("\n"), "\(error)")
        }
    }
}

@Suite("GELU")
struct GELUTests {
    @Test("The vectorizable erf is within 4e-7 of libm's erff from −8 to 8")
    func erfMatchesLibm() {
        var worst: Float = 0
        for i in -80_000...80_000 {
            let x = Float(i) / 10_000
            worst = max(worst, abs(GELU.erf(x) - erff(x)))
        }
        #expect(worst < 4e-7)
        #expect(GELU.erf(0) == 0 && abs(GELU.erf(10) - 1) < 4e-7 && GELU.erf(-10) == -GELU.erf(10))
    }
}

@Suite("Embedding cache and encoder checksum")
struct EmbeddingCacheTests {
    @Test("A second request reads the cache; another encoder (changed file) or other texts miss it")
    func cache() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try TextEncoderTests.copyOfModel(in: folder)
        let encoder = try TextEncoder(folder: model)
        let cache = EmbeddingCache(folder: folder.url.appendingPathComponent("cache"))
        let texts = ["A man is eating food.", "naïve résumé"]
        let first = try cache.embeddings(of: texts, encoder: encoder)
        #expect(!first.fromCache)
        let second = try cache.embeddings(of: texts, encoder: encoder)
        #expect(second.fromCache && second.embeddings == first.embeddings)
        #expect(try !cache.embeddings(of: ["other"], encoder: encoder).fromCache)
        let before = try encoder.checksum()
        try TextEncoderTests.editJSON(model.appendingPathComponent("1_Pooling/config.json")) {
            $0["pooling_mode_mean_tokens"] = false; $0["pooling_mode_cls_token"] = true
        }
        let changed = try TextEncoder(folder: model)
        #expect(try changed.checksum() != before)
        #expect(try !cache.embeddings(of: texts, encoder: changed).fromCache)
    }
}
