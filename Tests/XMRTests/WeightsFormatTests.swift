import Foundation
import Testing
@testable import XMR

@Suite("Compact weight files")
struct WeightsFormatTests {
    /// A weight file in the version-1 layout xmr wrote before (64-bit row pointers, 32-bit children).
    static func versionOneWeights(level t: Int, dimension: Int, chunkPointers: [Int], rowFeatures: [Int32],
                                  rowPointers: [Int], entryChildren: [Int32], entryValues: [Float]) -> Data {
        var w = BinaryWriter()
        w.write(magic: "XMRWGHT1")
        w.write(UInt32(1))
        w.write(UInt32(t))
        w.write(dimension)
        w.write(chunkPointers.count - 1)
        w.write(rowFeatures.count)
        w.write(entryValues.count)
        w.write(offsets: chunkPointers)
        w.write(rowFeatures)
        w.write(offsets: rowPointers)
        w.write(entryChildren)
        w.write(entryValues)
        return w.data
    }

    /// A level's weight file in the version-2 layout xmr wrote before the memory-mapped version 3.
    static func versionTwoWeights(_ level: LevelWeights, level t: Int) -> Data {
        var w = BinaryWriter()
        w.write(magic: "XMRWGHT1")
        w.write(UInt32(2))
        w.write(UInt32(t))
        w.write(level.dimension)
        w.write(level.parentCount)
        w.write(level.rowFeatures.count)
        w.write(level.entryValues.count)
        w.write(offsets: Array(level.chunkPointers))
        w.write(Array(level.rowFeatures))
        w.write(Array(level.rowPointers))
        w.write(Array(level.entryValues))
        w.write(Array(level.entryChildren))
        return w.data
    }

    /// A level's weight file in the version-3 layout (the first memory-mapped one, of format 4
    /// folders): header, directory (chunk and bucket pointers, chunk CRC-32s), row features,
    /// bucket starts (4 to 8 rows per bucket), row pointers, values, children.
    static func versionThreeWeights(_ level: LevelWeights, level t: Int) -> Data {
        func aligned(_ n: Int) -> Int { (n + 7) & ~7 }
        let chunks = Array(level.chunkPointers), features = level.rowFeatures, pointers = level.rowPointers
        let children = level.entryChildren, values = Array(level.entryValues)
        let parents = chunks.count - 1, rows = features.count, entries = values.count
        let dimensionBits = WeightImage.bits(ofDimension: level.dimension)
        var bucketPointers = [0]
        for k in 0..<parents {
            let n = chunks[k + 1] - chunks[k]
            var b = 1
            while b * 8 <= n && b < 1 << min(dimensionBits, 31) { b <<= 1 }
            bucketPointers.append(bucketPointers[k] + (n == 0 ? 0 : b + 1))
        }
        let slots = bucketPointers[parents]
        let directory = 64, rowFeatures = aligned(directory + 16 * (parents + 1) + 4 * parents)
        let bucketStarts = aligned(rowFeatures + 4 * rows), rowPointers = aligned(bucketStarts + 4 * slots)
        let entryValues = aligned(rowPointers + 4 * (rows + 1)), entryChildren = aligned(entryValues + 4 * entries)
        var data = Data(count: aligned(entryChildren + 2 * entries))
        func put<T: FixedWidthInteger>(_ v: T, _ offset: Int) {
            withUnsafeBytes(of: v.littleEndian) { data.replaceSubrange(offset..<(offset + $0.count), with: $0) }
        }
        data.replaceSubrange(0..<8, with: Array("XMRWGHT1".utf8))
        put(UInt32(3), 8); put(UInt32(t), 12)
        for (i, v) in [level.dimension, parents, rows, entries, slots].enumerated() { put(Int64(v), 16 + 8 * i) }
        for k in 0...parents { put(Int64(chunks[k]), directory + 8 * k); put(Int64(bucketPointers[k]), directory + 8 * (parents + 1) + 8 * k) }
        for (r, f) in features.enumerated() { put(f, rowFeatures + 4 * r) }
        for k in 0..<parents where bucketPointers[k + 1] > bucketPointers[k] {
            let buckets = bucketPointers[k + 1] - bucketPointers[k] - 1, shift = dimensionBits - buckets.trailingZeroBitCount
            var r = chunks[k]
            for b in 0..<buckets {
                while r < chunks[k + 1] && Int(features[r]) >> shift < b { r += 1 }
                put(UInt32(r - chunks[k]), bucketStarts + 4 * (bucketPointers[k] + b))
            }
            put(UInt32(chunks[k + 1] - chunks[k]), bucketStarts + 4 * (bucketPointers[k] + buckets))
        }
        for (r, p) in pointers.enumerated() { put(p, rowPointers + 4 * r) }
        for (e, v) in values.enumerated() { put(v.bitPattern, entryValues + 4 * e) }
        for (e, c) in children.enumerated() { put(c, entryChildren + 2 * e) }
        for k in 0..<parents {
            let lo = chunks[k], hi = chunks[k + 1], a = Int(pointers[lo]), b = Int(pointers[hi])
            var crc = CRC32()
            data.withUnsafeBytes { raw in
                crc.update(UnsafeRawBufferPointer(rebasing: raw[(rowFeatures + 4 * lo)..<(rowFeatures + 4 * hi)]))
                crc.update(UnsafeRawBufferPointer(rebasing: raw[(bucketStarts + 4 * bucketPointers[k])..<(bucketStarts + 4 * bucketPointers[k + 1])]))
                crc.update(UnsafeRawBufferPointer(rebasing: raw[(rowPointers + 4 * lo)..<(rowPointers + 4 * (hi + 1))]))
                crc.update(UnsafeRawBufferPointer(rebasing: raw[(entryValues + 4 * a)..<(entryValues + 4 * b)]))
                crc.update(UnsafeRawBufferPointer(rebasing: raw[(entryChildren + 2 * a)..<(entryChildren + 2 * b)]))
            }
            put(crc.value, directory + 16 * (parents + 1) + 4 * k)
        }
        var crc = CRC32()
        data.withUnsafeBytes { raw in
            crc.update(UnsafeRawBufferPointer(rebasing: raw[0..<56]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[directory..<rowFeatures]))
        }
        put(crc.value, 56)
        return data
    }

    /// Rewrites the saved model folder `dir` as format version 4 (weight files of version 3).
    static func downgradeToFormatFour(_ dir: URL, model: XRLinearModel) throws {
        let manifestURL = dir.appendingPathComponent(ModelStore.manifestFile)
        var manifest = try JSONDecoder().decode(ModelManifest.self, from: Data(contentsOf: manifestURL))
        manifest.formatVersion = 4
        for (i, name) in manifest.weightFiles.enumerated() {
            let data = versionThreeWeights(model.levels[i], level: i + 1)
            try data.write(to: dir.appendingPathComponent(name))
            manifest.files[name] = .init(bytes: data.count, crc32: ModelStore.hex(CRC32.checksum(data)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try ModelStore.sealManifest(encoder.encode(manifest)).write(to: manifestURL)
    }

    @Test("A format-4 folder (version-3 weight files) loads into the same weights, predicts identically, and is bigger")
    func readsVersionThree() throws {
        let (model, dir, x) = try ModelStoreTests.savedModel()
        let names = try ModelStore.readManifest(in: dir).weightFiles
        let compact = try names.map { try Data(contentsOf: dir.appendingPathComponent($0)) }
        try Self.downgradeToFormatFour(dir, model: model)
        #expect(try ModelStore.readManifest(in: dir).formatVersion == 4)
        #expect(compact.reduce(0) { $0 + $1.count } < (try Self.weightBytes(dir)))
        let loaded = try ModelStore.load(from: dir)
        #expect(loaded.levels == model.levels && loaded.levels.allSatisfy { $0.image.path == nil })
        #expect(try MappedWeightsTests.answers(loaded, x).get() == MappedWeightsTests.answers(model, x).get())
        #expect(try ModelStore.check(dir).formatVersion == 4)
        // A damaged version-3 file is caught by its CRC-32 in model.json, naming it.
        let file = dir.appendingPathComponent(names[1])
        var damaged = try Data(contentsOf: file)
        damaged[damaged.count / 2] ^= 1
        try damaged.write(to: file)
        #expect { _ = try ModelStore.load(from: dir) } throws: { "\($0)".contains(names[1]) && "\($0)".contains("CRC-32") }
    }

    static func versionOneWeights(_ level: LevelWeights, level t: Int) -> Data {
        versionOneWeights(level: t, dimension: level.dimension, chunkPointers: Array(level.chunkPointers),
                          rowFeatures: Array(level.rowFeatures), rowPointers: level.rowPointers.map { Int($0) },
                          entryChildren: level.entryChildren.map { Int32($0) }, entryValues: Array(level.entryValues))
    }

    /// Rewrites the saved model folder `dir` as format version 1 (manifest and weight files).
    static func downgrade(_ dir: URL, model: XRLinearModel) throws {
        let manifestURL = dir.appendingPathComponent(ModelStore.manifestFile)
        var manifest = try JSONDecoder().decode(ModelManifest.self, from: Data(contentsOf: manifestURL))
        manifest.formatVersion = 1
        for (i, name) in manifest.weightFiles.enumerated() {
            let data = versionOneWeights(model.levels[i], level: i + 1)
            try data.write(to: dir.appendingPathComponent(name))
            manifest.files[name] = .init(bytes: data.count, crc32: ModelStore.hex(CRC32.checksum(data)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(manifest).write(to: manifestURL)
    }

    static func weightBytes(_ dir: URL) throws -> Int {
        try ModelStore.readManifest(in: dir).weightFiles.reduce(0) { total, name in
            total + (try Data(contentsOf: dir.appendingPathComponent(name))).count
        }
    }

    @Test("A version-1 model folder loads into the same weights and predicts identically")
    func readsVersionOne() throws {
        let (model, dir, x) = try ModelStoreTests.savedModel()
        #expect(try ModelStore.readManifest(in: dir).formatVersion == ModelManifest.currentVersion)
        let names = try ModelStore.readManifest(in: dir).weightFiles
        let compact = try names.map { try Data(contentsOf: dir.appendingPathComponent($0)) }
        let compactBytes = compact.reduce(0) { $0 + $1.count }
        try Self.downgrade(dir, model: model)
        let oldBytes = try Self.weightBytes(dir)
        #expect(compactBytes < oldBytes, "\(compactBytes) vs \(oldBytes)")
        let loaded = try ModelStore.load(from: dir)
        #expect(loaded.levels == model.levels)
        for i in 0..<x.rows { #expect(try loaded.predict(x.row(i)) == model.predict(x.row(i))) }
        // Saving again writes the current version, with the weight files byte for byte what the trained model gives.
        let again = ModelStoreTests.temporaryDirectory().appendingPathComponent("again")
        try ModelStore.save(loaded, to: again)
        #expect(try ModelStore.readManifest(in: again).formatVersion == ModelManifest.currentVersion)
        for (name, data) in zip(names, compact) {
            #expect(try Data(contentsOf: again.appendingPathComponent(name)) == data, "\(name) differs")
        }
    }

    @Test("The committed example session models load, and re-saved in version 2 they rank the same")
    func exampleSessionModels() throws {
        let sessions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions/example")
        for run in ["run-1", "run-2"] {
            let dir = sessions.appendingPathComponent(run)
            let model = try ModelStore.load(from: dir)
            let copy = ModelStoreTests.temporaryDirectory().appendingPathComponent(run)
            try ModelStore.save(model, to: copy)
            let reloaded = try ModelStore.load(from: copy)
            #expect(reloaded.levels == model.levels && reloaded.tree == model.tree)
            #expect(try Self.weightBytes(copy) < Self.weightBytes(dir))
            // Queries from the model's own rows of feature ids, deterministic.
            var generator = SplitMix64(seed: 7)
            for _ in 0..<50 {
                let ids = Set((0..<12).map { _ in Int32(generator.next() % UInt64(model.featureCount)) }).sorted()
                let query = SparseVector(dimension: model.featureCount, indices: ids,
                                         values: ids.map { _ in Float(generator.next() % 1000) / 1000 + 0.01 })
                #expect(try reloaded.predict(query) == model.predict(query))
            }
        }
    }

    @Test("A version-1 weight file whose child index does not fit 16 bits is rejected naming the file")
    func versionOneChildOutOfRange() throws {
        let data = Self.versionOneWeights(level: 1, dimension: 3, chunkPointers: [0, 1], rowFeatures: [0],
                                          rowPointers: [0, 1], entryChildren: [70_000], entryValues: [1])
        #expect {
            _ = try ModelStore.decodeWeights(data, file: "weights-1.bin", level: 1)
        } throws: { error in
            "\(error)".hasPrefix("weights-1.bin:") && "\(error)".contains("65536")
        }
        let good = Self.versionOneWeights(level: 1, dimension: 3, chunkPointers: [0, 1], rowFeatures: [2],
                                          rowPointers: [0, 2], entryChildren: [0, 65_535], entryValues: [1, -2])
        let level = try ModelStore.decodeWeights(good, file: "weights-1.bin", level: 1)
        #expect(Array(level.entryChildren) == [0, 65_535] && Array(level.rowPointers) == [0, 2])
    }

    /// A depth-1 tree whose root has `labels` children.
    static func flatTree(labels: Int) -> LabelTree {
        LabelTree(parents: [[Int32](repeating: 0, count: labels)])
    }

    @Test("A node may have 65,536 children; one more is a clear error, not a trap")
    func childLimit() throws {
        let limit = LevelWeights.maxChildrenPerNode
        #expect(limit == 65_536)
        var weights = [SparseVector](repeating: SparseVector(dimension: 3, indices: [], values: []), count: limit)
        weights[limit - 1] = SparseVector(dimension: 3, indices: [1], values: [0.5])
        let level = try LevelWeights(childWeights: weights, tree: Self.flatTree(labels: limit), level: 1, dimension: 3)
        #expect(level.weights(parent: 0, localChild: limit - 1).values == [0.5])
        #expect(Array(level.entryChildren) == [UInt16(limit - 1)])

        weights.append(SparseVector(dimension: 3, indices: [], values: []))
        let tooWide = Self.flatTree(labels: limit + 1)
        #expect {
            _ = try LevelWeights(childWeights: weights, tree: tooWide, level: 1, dimension: 3)
        } throws: { error in
            "\(error)".contains("65537 children") && "\(error)".contains("at most 65536")
        }
        // The trainer refuses such a tree before training anything, and such parameters before clustering.
        let x = CSRMatrix(rows: 2, cols: 2, triplets: [(0, 0, 1), (1, 1, 1)])
        let y = CSRMatrix(rows: 2, cols: limit + 1, triplets: [(0, 0, 1), (1, limit, 1)])
        var parameters = Pipeline()
        parameters.threads = 1
        #expect {
            _ = try XRLinearTrainer().train(features: x, labels: y, tree: tooWide, parameters: parameters)
        } throws: { error in
            "\(error)".contains("65537 children")
        }
        parameters.indexer.depth = 1
        #expect {
            _ = try PipelineTrainer(parameters).train(features: x, labels: y).model
        } throws: { error in
            (error as? XRLinearError).map { if case .invalidParameter("depth", _) = $0 { true } else { false } } == true
                && "\(error)".contains("65537")
        }
        parameters.indexer.depth = nil
        parameters.indexer.maxLeafSize = 100_000
        #expect {
            _ = try PipelineTrainer(parameters).train(features: x, labels: y).model
        } throws: { error in
            "\(error)".hasPrefix("invalid parameter max-leaf-size") && "\(error)".contains("65536")
        }
    }

    @Test("A libpecos model with a node of more than 65,536 children is rejected naming its C.npz")
    func importTooManyChildren() throws {
        let labels = LevelWeights.maxChildrenPerNode + 1
        let root = ModelStoreTests.temporaryDirectory().appendingPathComponent("pecos")
        let level = root.appendingPathComponent("ranker/0.model")
        try FileManager.default.createDirectory(at: level, withIntermediateDirectories: true)
        try Data("{\"depth\": 1, \"nr_features\": 1, \"nr_labels\": \(labels)}".utf8)
            .write(to: root.appendingPathComponent("ranker/param.json"))
        try Data("{\"nr_labels\": \(labels), \"nr_features\": 1, \"nr_codes\": 1, \"bias\": 1.0}".utf8)
            .write(to: level.appendingPathComponent("param.json"))
        try NpzWriter.csc(rows: labels, cols: 1, colPointers: [0, labels], rowIndices: Array(0..<labels),
                          values: [Float](repeating: 1, count: labels)).write(to: level.appendingPathComponent("C.npz"))
        #expect {
            _ = try PecosModelImporter.importModel(from: root)
        } throws: { error in
            let text = "\(error)"
            return text.contains("0.model/C.npz:") && text.contains("65537 children") && !text.contains("\n")
        }
    }
}
