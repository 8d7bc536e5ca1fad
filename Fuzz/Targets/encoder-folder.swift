// libFuzzer target: reading a transformer encoder folder. Each input replaces one file of a copy
// of the tiny BERT fixture (Tests/XMRTests/Fixtures/tiny-bert/model; the first byte picks which:
// config.json, vocab.txt, tokenizer_config.json, 1_Pooling/config.json or model.safetensors).
// Property: the folder either fails with a one-line EncoderError naming a file of the folder, or
// loads and embeds texts without trapping. Fuzz/Corpus/encoder-folder holds one seed per file:
// its index byte, then the fixture's bytes of that file (for model.safetensors, its header only).
import Foundation
@testable import XMR

private let fixture = URL(fileURLWithPath: "Tests/XMRTests/Fixtures/tiny-bert/model")
private let names = ["config.json", "vocab.txt", "tokenizer_config.json", "1_Pooling/config.json", "model.safetensors"]

private let folder: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = URL(fileURLWithPath: base).appendingPathComponent("xmr-fuzz-encoder-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try! FileManager.default.copyItem(at: fixture, to: url)
    return url
}()

private let original: [String: Data] = Dictionary(uniqueKeysWithValues: names.map {
    ($0, try! Data(contentsOf: fixture.appendingPathComponent($0)))
})

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count >= 1 else { return 0 }
    let replaced = names[Int(start[0]) % names.count]
    for name in names {
        let data = name == replaced ? Data(bytes: start + 1, count: count - 1) : original[name]!
        try! data.write(to: folder.appendingPathComponent(name))
    }
    do {
        let encoder = try TextEncoder(folder: folder)
        // Weights may be any floats (NaN included), so only the shape is a property.
        let embedding = try encoder.embed(["A man is eating food.", ""], options: EncodingOptions(maxLength: 16))
        if embedding.rows != 2 || embedding.columns != encoder.dimension { fatalError("wrong embedding shape") }
    } catch let error as EncoderError {
        let text = error.description
        if text.contains("\n") { fatalError("a multi-line error: \(text)") }
        if !text.hasPrefix(folder.path + "/") { fatalError("an error that names no file of the folder: \(text)") }
    } catch {
        fatalError("an error that is not an EncoderError: \(error)")
    }
    return 0
}
