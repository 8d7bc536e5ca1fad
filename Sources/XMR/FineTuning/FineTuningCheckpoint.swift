import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a fine-tuning needs to go on after an optimizer step as if it had never stopped:
/// the trainable encoder weights and their AdamW moments, the current head and its moments, the
/// finished heads, the beam that picks the current level's negatives, the position (level,
/// epoch, step; the shuffles, the schedule and the dropout masks follow from it), the losses so
/// far, and a signature of what it was trained from (encoder, tree, data, parameters, seed,
/// threads), which `resume` must match.
///
/// On disk it is a safetensors file (metadata `format` `xmr-fine-tuning-checkpoint-1`) with a
/// CRC-32 of its tensor data, written atomically: a temporary file beside it, flushed to disk,
/// then renamed over it. A kill at any moment leaves either the previous checkpoint or the new
/// one, never a broken one, and a file that is not an xmr checkpoint is never replaced.
struct FineTuningCheckpoint: Sendable {
    /// The `format` the file's metadata declares.
    static let format = "xmr-fine-tuning-checkpoint-1"

    /// What the fine-tuning was trained from; a resume must match every entry.
    var signature: [String: String]
    /// The level being trained (1-based), the epoch (1-based), and the steps of that epoch done.
    var level: Int, epoch: Int, step: Int
    /// Optimizer steps done over all levels (the dropout masks' counter).
    var globalStep: Int
    /// The summed loss of this epoch's steps so far, the mean losses of this level's finished
    /// epochs, and of every finished level's epochs.
    var epochLoss: Double, levelLosses: [Double], losses: [[Double]]
    /// Seconds of fine-tuning so far.
    var seconds: Double
    /// Where the trainable encoder values start in the layout (the frozen prefix is the base encoder's).
    var trainableStart: Int
    /// The trainable encoder values and their AdamW moments.
    var encoder: [Float], encoderFirst: [Float], encoderSecond: [Float]
    /// The current level's head (weights then biases) and its moments.
    var head: [Float], headFirst: [Float], headSecond: [Float]
    /// The heads of the finished levels.
    var heads: [ClusterHeadWeights]
    /// Each text's beam one level up (nil on the top level).
    var beam: [[Int32]]?

    // MARK: Signature

    /// The signature of a fine-tuning of `encoderChecksum` on `texts`/`labels` down `tree`.
    static func signature(encoderChecksum: String, configuration: BertConfiguration, tree: LabelTree, texts: [String],
                          labels: CSRMatrix, parameters: FineTuningParameters, beamWidth: Int, postProcessor: PostProcessor,
                          seed: UInt64, threads: Int) -> [String: String] {
        var data = CRC32()
        for text in texts {
            (Array(text.utf8) + [0]).withUnsafeBytes { data.update($0) }
        }
        labels.rowPointers.withUnsafeBytes { data.update($0) }
        labels.columnIndices.withUnsafeBytes { data.update($0) }
        var settings = parameters
        settings.checkpointEvery = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(settings)).flatMap { String(data: $0, encoding: .utf8) } ?? "\(settings)"
        let c = configuration
        return ["encoder": encoderChecksum,
                "architecture": "\(c.vocabularySize)x\(c.hiddenSize)x\(c.layerCount)x\(c.headCount)x\(c.intermediateSize)",
                "tree": NeuralMatcher.signature(of: tree),
                "data": "\(texts.count)x\(labels.cols):" + String(format: "%08x", data.value),
                "parameters": json, "beam_width": "\(beamWidth)", "post_processor": NeuralMatcher.pathScore(under: postProcessor).rawValue,
                "seed": "\(seed)", "threads": "\(threads)"]
    }

    /// Throws a one-line error naming `file` and the first thing `expected` differs in.
    func check(against expected: [String: String], file: String) throws {
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: file, message: message) }
        let problems: [(key: String, message: String)] = [
            ("architecture", "was written while fine-tuning another model (another architecture)"),
            ("encoder", "was written while fine-tuning another model (encoder checksum \(signature["encoder"] ?? "?"), this one is \(expected["encoder"] ?? "?"))"),
            ("tree", "was written for another label tree (\(signature["tree"] ?? "?"), this training's is \(expected["tree"] ?? "?"))"),
            ("data", "was written for other training data (\(signature["data"] ?? "?"), this training's is \(expected["data"] ?? "?"))"),
            ("parameters", "was written with other fine-tuning parameters (\(signature["parameters"] ?? "?"))"),
            ("beam_width", "was written with --beam-width \(signature["beam_width"] ?? "?"), not \(expected["beam_width"] ?? "?")"),
            ("post_processor", "was written with path scores \(signature["post_processor"] ?? "?"), not \(expected["post_processor"] ?? "?") (another --post-processor)"),
            ("seed", "was written with --seed \(signature["seed"] ?? "?"), not \(expected["seed"] ?? "?")"),
            ("threads", "was written with --threads \(signature["threads"] ?? "?"), not \(expected["threads"] ?? "?") (resume with the same thread count)"),
        ]
        for problem in problems where signature[problem.key] != expected[problem.key] { throw fail(problem.message) }
    }

    // MARK: Writing

    /// The file's bytes.
    func image() -> Data {
        var owners: [FlatParameters] = []
        var tensors: [SafetensorsWriter.Tensor] = []
        func add(_ name: String, _ values: [Float], shape: [Int]? = nil) {
            let buffer = FlatParameters(values)
            owners.append(buffer)
            tensors.append(SafetensorsWriter.Tensor(name: name, shape: shape ?? [values.count], values: UnsafePointer(buffer.pointer)))
        }
        add("encoder.values", encoder)
        add("encoder.first_moment", encoderFirst)
        add("encoder.second_moment", encoderSecond)
        add("head.values", head)
        add("head.first_moment", headFirst)
        add("head.second_moment", headSecond)
        for (index, finished) in heads.enumerated() {
            add("finished_head.\(index + 1).weight", finished.weights, shape: [finished.clusters, finished.width])
            add("finished_head.\(index + 1).bias", finished.bias, shape: [finished.clusters])
        }
        if let beam {
            // Node numbers and offsets are below 2^24, so float32 holds them exactly (checked on reading).
            var offsets: [Float] = [0], nodes: [Float] = []
            for kept in beam {
                nodes += kept.map { Float($0) }
                offsets.append(Float(nodes.count))
            }
            add("beam.offsets", offsets)
            add("beam.nodes", nodes)
        }
        var crc = CRC32()
        for tensor in tensors.sorted(by: { $0.name < $1.name }) {
            crc.update(UnsafeRawBufferPointer(UnsafeBufferPointer(start: tensor.values, count: tensor.shape.reduce(1, *))))
        }
        func text(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: ",") }
        var metadata = signature.mapKeys { "signature." + $0 }
        metadata.merge(["format": Self.format, "level": "\(level)", "epoch": "\(epoch)", "step": "\(step)",
                        "global_step": "\(globalStep)", "epoch_loss": "\(epochLoss)", "level_losses": text(levelLosses),
                        "losses": losses.map(text).joined(separator: ";"), "seconds": "\(seconds)",
                        "trainable_start": "\(trainableStart)", "finished_heads": "\(heads.count)",
                        "head_count": "\(head.count)", "data_crc32": String(format: "%08x", crc.value)]) { $1 }
        let data = SafetensorsWriter.image(tensors, metadata: metadata)
        withExtendedLifetime(owners) {}
        return data
    }

    /// Writes the checkpoint to `url` atomically (see the type). Refuses to replace a file that is
    /// not an xmr fine-tuning checkpoint. `interrupt` is called at each fault-injection point
    /// (a test's stand-in for a kill there).
    func write(to url: URL, interrupt: ((FaultInjection.Point) throws -> Void)? = nil) throws {
        try Self.checkReplaceable(url)
        StaleTemporaries.remove(in: url.deletingLastPathComponent(), kinds: ["tmp"])
        // A kill half way through the write, or before the rename, is tested at these points.
        func reach(_ point: FaultInjection.Point) throws {
            try FaultInjection.reach(point)
            try interrupt?(point)
        }
        do {
            try DurableFile.replace(url, with: image(), midway: { try reach(.checkpointPartlyWritten) },
                                    beforeRename: { try reach(.checkpointBeforeRename) })
        } catch let failure as DurableFile.Failure {
            throw XRLinearError.invalidModelFile(file: url.path, message: "cannot write the checkpoint: \(failure.reason)")
        }
    }

    /// Throws unless `url` is absent or an xmr fine-tuning checkpoint (what `write` may replace).
    static func checkReplaceable(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw XRLinearError.invalidModelFile(file: url.path, message: "exists and is not a regular file; not replacing it with a checkpoint")
        }
        guard isCheckpoint(url) else {
            throw XRLinearError.invalidModelFile(file: url.path, message: "exists and is not an xmr fine-tuning checkpoint; not replacing it")
        }
    }

    /// True when `url` is a safetensors file whose metadata declares the checkpoint format.
    static func isCheckpoint(_ url: URL) -> Bool {
        guard let file = try? SafetensorsFile(url) else { return false }
        return file.header.metadata["format"] == format
    }

    /// Removes the checkpoint at `url` if it is one (after the model it led to is saved).
    static func remove(_ url: URL) {
        if isCheckpoint(url) { unlink(url.path) }
    }

    // MARK: Reading

    /// Reads the checkpoint at `url`; a file that is not one, or a damaged one, is refused naming it.
    static func read(_ url: URL) throws -> FineTuningCheckpoint {
        let path = url.path
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: path, message: message) }
        let file: SafetensorsFile
        do { file = try SafetensorsFile(url) } catch let EncoderError.badFile(_, message) {
            throw fail("is not a fine-tuning checkpoint (\(message))")
        }
        let meta = file.header.metadata
        guard meta["format"] == format else { throw fail("is not an xmr fine-tuning checkpoint (format \(meta["format"] ?? "missing"), expected \(format))") }
        do {
            let names = file.header.tensors.keys.sorted()
            var crc = CRC32()
            file.withBytes { bytes in
                for name in names {
                    guard let entry = file.header.tensors[name] else { continue }
                    crc.update(UnsafeRawBufferPointer(rebasing: bytes[entry.byteRange]))
                }
            }
            guard meta["data_crc32"] == String(format: "%08x", crc.value) else { throw fail("is damaged (its CRC-32 does not match)") }
            func integer(_ key: String) throws -> Int {
                guard let value = meta[key].flatMap({ Int($0) }), value >= 0 else { throw fail("metadata \(key) is missing or not a count") }
                return value
            }
            func doubles(_ text: String) throws -> [Double] {
                try text.isEmpty ? [] : text.split(separator: ",").map {
                    guard let value = Double($0) else { throw fail("metadata holds a loss that is not a number: \($0)") }
                    return value
                }
            }
            func floats(_ name: String) throws -> [Float] {
                guard let entry = file.header.tensors[name] else { throw fail("missing tensor \(name)") }
                return Array(try file.floats(name, shape: entry.shape).buffer)
            }
            var signature: [String: String] = [:]
            for (key, value) in meta where key.hasPrefix("signature.") { signature[String(key.dropFirst("signature.".count))] = value }
            let finished = try integer("finished_heads")
            let heads = try (0..<finished).map { index -> ClusterHeadWeights in
                guard let entry = file.header.tensors["finished_head.\(index + 1).weight"], entry.shape.count == 2 else {
                    throw fail("missing tensor finished_head.\(index + 1).weight")
                }
                let clusters = entry.shape[0], width = entry.shape[1]
                return try ClusterHeadWeights(clusters: clusters, width: width, weights: try floats("finished_head.\(index + 1).weight"),
                                              bias: Array(try file.floats("finished_head.\(index + 1).bias", shape: [clusters]).buffer))
            }
            var beam: [[Int32]]?
            if file.header.tensors["beam.offsets"] != nil {
                let offsets = try floats("beam.offsets"), nodes = try floats("beam.nodes")
                guard offsets.first == 0, offsets.last == Float(nodes.count),
                      zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 && $1 == $1.rounded() }),
                      nodes.allSatisfy({ $0 >= 0 && $0 < 16_777_216 && $0 == $0.rounded() }) else {
                    throw fail("holds a beam that is not a list of node numbers")
                }
                beam = zip(offsets, offsets.dropFirst()).map { begin, end in nodes[Int(begin)..<Int(end)].map { Int32($0) } }
            }
            let losses = try (meta["losses"] ?? "").split(separator: ";", omittingEmptySubsequences: false).map { try doubles(String($0)) }
            let checkpoint = FineTuningCheckpoint(
                signature: signature, level: try integer("level"), epoch: try integer("epoch"), step: try integer("step"),
                globalStep: try integer("global_step"), epochLoss: try doubles(meta["epoch_loss"] ?? "").first ?? 0,
                levelLosses: try doubles(meta["level_losses"] ?? ""), losses: (meta["losses"] ?? "").isEmpty ? [] : losses,
                seconds: try doubles(meta["seconds"] ?? "0").first ?? 0, trainableStart: try integer("trainable_start"),
                encoder: try floats("encoder.values"), encoderFirst: try floats("encoder.first_moment"),
                encoderSecond: try floats("encoder.second_moment"), head: try floats("head.values"),
                headFirst: try floats("head.first_moment"), headSecond: try floats("head.second_moment"), heads: heads, beam: beam)
            guard checkpoint.level >= 1, checkpoint.epoch >= 1, checkpoint.encoderFirst.count == checkpoint.encoder.count,
                  checkpoint.encoderSecond.count == checkpoint.encoder.count, checkpoint.headFirst.count == checkpoint.head.count,
                  checkpoint.headSecond.count == checkpoint.head.count, checkpoint.heads.count == checkpoint.level - 1 else {
                throw fail("is inconsistent (its position and tensors do not agree)")
            }
            return checkpoint
        } catch let EncoderError.badFile(_, message) {
            throw fail(message)
        }
    }
}

private extension Dictionary where Key == String {
    /// The same values under transformed keys.
    func mapKeys(_ transform: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
