// libFuzzer target: loading a model folder. A small real model is trained once; each input
// replaces one of its files (the first byte picks which) and, when the second byte's low bit is
// set, the size and CRC-32 recorded in model.json are updated to match, so that mutations reach
// the decoders behind the checksums (model.json itself is resealed the same way). A model that
// loads must then answer a query without trapping.
import Foundation
@testable import XMR

private let folder: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: base).appendingPathComponent("xmr-fuzz-model-\(getpid())")
}()

private let original: [String: Data] = {
    var triplets: [(Int, Int, Float)] = []
    var labels: [(Int, Int, Float)] = []
    for i in 0..<60 {
        triplets.append((i, i % 7, 1)); triplets.append((i, 7 + i % 5, 0.5))
        labels.append((i, i % 9, 1))
    }
    let x = CSRMatrix(rows: 60, cols: 12, triplets: triplets)
    let y = CSRMatrix(rows: 60, cols: 9, triplets: labels)
    var pipeline = Pipeline()
    pipeline.indexer.branching = 2
    pipeline.indexer.maxLeafSize = 2
    pipeline.threads = 1
    let trained = try! PipelineTrainer(pipeline).train(features: x, labels: y, labelNames: (0..<9).map { "label \($0)" })
    let source = folder.appendingPathExtension("source")
    try? FileManager.default.removeItem(at: source)
    try! trained.save(to: source)
    var files: [String: Data] = [:]
    for name in try! FileManager.default.contentsOfDirectory(atPath: source.path) {
        files[name] = try! Data(contentsOf: source.appendingPathComponent(name))
    }
    try? FileManager.default.removeItem(at: source)
    return files
}()

private let names = original.keys.sorted()

/// With XMR_FUZZ_WRITE_SEEDS=DIR, writes one seed per file of the model (its index, "reseal",
/// then the file's real bytes) and exits: how Fuzz/Corpus/model-files was made.
private let seedsWritten: Bool = {
    guard let dir = ProcessInfo.processInfo.environment["XMR_FUZZ_WRITE_SEEDS"] else { return false }
    for (i, name) in names.enumerated() {
        try! (Data([UInt8(i), 1]) + original[name]!).write(to: URL(fileURLWithPath: dir).appendingPathComponent("seed-\(name)"))
    }
    exit(0)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard !seedsWritten, let start, count >= 2 else { return 0 }
    let replaced = names[Int(start[0]) % names.count]
    let reseal = start[1] & 1 != 0
    var files = original
    files[replaced] = Data(bytes: start + 2, count: count - 2)
    if reseal, replaced != ModelStore.manifestFile,
       var manifest = try? JSONDecoder().decode(ModelManifest.self, from: files[ModelStore.manifestFile]!) {
        manifest.files[replaced] = .init(bytes: files[replaced]!.count, crc32: ModelStore.hex(CRC32.checksum(files[replaced]!)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        files[ModelStore.manifestFile] = ModelStore.sealManifest(try! encoder.encode(manifest))
    } else if reseal, replaced == ModelStore.manifestFile {
        // Reseal a mutated manifest: drop any checksum line, then add a valid one.
        var text = files[replaced]!
        if let line = text.range(of: Data("  \"manifestCRC32\"".utf8)), let end = text[line.upperBound...].firstIndex(of: 10) {
            text.removeSubrange(line.lowerBound...end)
        }
        files[replaced] = ModelStore.sealManifest(text)
    }
    try? FileManager.default.removeItem(at: folder)
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, data) in files { try! data.write(to: folder.appendingPathComponent(name)) }
    do {
        let model = try TrainedModel.load(from: folder).model
        let query = SparseVector(dimension: model.featureCount, indices: model.featureCount > 0 ? [0] : [],
                                 values: model.featureCount > 0 ? [1] : [])
        _ = try model.predict(query, beamWidth: Int(start[1] >> 1), topK: 1_000_000_000)
        _ = try model.predictBatch(CSRMatrix(rows: 1, cols: model.featureCount, triplets: model.featureCount > 0 ? [(0, 0, 1)] : []),
                               beamWidth: 1_000_000_000, topK: Int(start[1] >> 1), threads: 1)
    } catch let error as XRLinearError {
        if error.description.contains("\n") { fatalError("a multi-line error: \(error)") }
    } catch {
        fatalError("an error that is not an XRLinearError: \(error)")
    }
    return 0
}
