// libFuzzer target: reading a transformer encoder folder. Each input replaces one file of the
// committed tiny BERT (the first byte picks which): config.json, vocab.txt, tokenizer_config.json,
// 1_Pooling/config.json, the safetensors JSON header (the length prefix is recomputed and the
// original tensor bytes follow, so mutations reach the shape and offset checks), or the whole
// model.safetensors. An encoder that loads must then embed two texts into rows of its width
// without trapping, and every refusal must be a one-line EncoderError naming a file of the folder.
import Foundation
@testable import XMR

private let fixture = URL(fileURLWithPath: "Tests/XMRTests/Fixtures/tiny-bert/model")

private let folder: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: base).appendingPathComponent("xmr-fuzz-encoder-\(getpid())")
}()

/// The files an input can replace, by the first byte modulo their count.
private let replaceable = ["config.json", "vocab.txt", "tokenizer_config.json", "1_Pooling/config.json",
                           "safetensors-header", "model.safetensors"]

private let original: [String: Data] = {
    var files: [String: Data] = [:]
    for name in ["config.json", "vocab.txt", "tokenizer_config.json", "1_Pooling/config.json", "model.safetensors"] {
        guard let data = FileManager.default.contents(atPath: fixture.appendingPathComponent(name).path) else {
            fatalError("run the encoder-files target from the repository root (no \(fixture.path)/\(name))")
        }
        files[name] = data
    }
    return files
}()

/// The safetensors file split into its JSON header and the tensor bytes after it.
private let safetensorsParts: (header: Data, tensors: Data) = {
    let file = original["model.safetensors"]!
    let length = file.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    return (file.subdata(in: 8..<(8 + length)), file.subdata(in: (8 + length)..<file.count))
}()

/// With XMR_FUZZ_WRITE_SEEDS=DIR, writes one seed per replaceable file (its index, then its real
/// bytes; the whole safetensors file is too big for the corpus) and exits: how Fuzz/Corpus/encoder-files was made.
private let seedsWritten: Bool = {
    guard let dir = ProcessInfo.processInfo.environment["XMR_FUZZ_WRITE_SEEDS"] else { return false }
    for (i, name) in replaceable.enumerated() where name != "model.safetensors" {
        let bytes = name == "safetensors-header" ? safetensorsParts.header : original[name]!
        let seedName = "seed-" + name.replacingOccurrences(of: "/", with: "-")
        try! (Data([UInt8(i)]) + bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(seedName))
    }
    exit(0)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard !seedsWritten, let start, count >= 1 else { return 0 }
    let target = replaceable[Int(start[0]) % replaceable.count]
    let bytes = Data(bytes: start + 1, count: count - 1)
    var files = original
    switch target {
    case "safetensors-header":
        var length = UInt64(bytes.count)
        files["model.safetensors"] = Data(bytes: &length, count: 8) + bytes + safetensorsParts.tensors
    default:
        files[target] = bytes
    }
    try? FileManager.default.removeItem(at: folder)
    try! FileManager.default.createDirectory(at: folder.appendingPathComponent("1_Pooling"), withIntermediateDirectories: true)
    for (name, data) in files { try! data.write(to: folder.appendingPathComponent(name)) }
    do {
        let encoder = try TextEncoder(folder: folder)
        // Weights may be any floats (NaN included), so only the shape is a property.
        let embedding = try encoder.embed(["A man is eating food.", ""], options: EncodingOptions(batchSize: 2, maxLength: 16, threads: 1))
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
