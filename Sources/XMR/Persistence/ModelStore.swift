import CFileShims
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes model folders (`model.json`, `tree.bin`, `weights-N.bin`, optional names and vectorizer).
///
/// Saves go to a temporary folder beside the target that then replaces it in one atomic exchange
/// (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS; where neither
/// works, two renames, which a later save repairs if a kill fell between them). Only an empty
/// folder or a folder holding exactly a valid xmr model is replaced, unless `force` is given.
/// Loading checks sizes, versions and CRC-32 checksums (of every file but the weight files,
/// `model.json` included) and names the offending file in its error. Weight files of format
/// version 5 folders are memory-mapped: loading checks their size, header and chunk directory,
/// each chunk is checked (CRC-32 and structure) on its first use, and `check` reads everything.
/// Older folders' weight files are read whole, checked and converted in memory.
public enum ModelStore {
    /// The manifest's file name.
    public static let manifestFile = "model.json"
    static let treeFile = "tree.bin"
    static let labelNamesFile = "label_names.txt"
    static let vectorizerFile = "vectorizer.bin"
    static let labelFrequenciesFile = "label_frequencies.bin"
    static let frequenciesMagic = "XMRFREQ1"
    static let treeMagic = "XMRTREE1"
    static let weightsMagic = "XMRWGHT1"
    /// Version of `tree.bin` and `label_frequencies.bin`.
    static let binaryVersion: UInt32 = 1
    /// Version of the `weights-N.bin` files this code writes (4: the compact `WeightImage`,
    /// memory-mapped); version 3 (the first memory-mapped layout, of format 4 folders), version 2
    /// (32-bit row pointers, 16-bit local children) and version 1 (64-bit pointers, 32-bit
    /// children), of format 1–3 folders, are still read, whole.
    static let weightsVersion: UInt32 = WeightImage.version

    static func weightFile(level t: Int) -> String { "weights-\(t).bin" }

    /// The `model.json` field holding the CRC-32 of the rest of the file.
    static let manifestChecksumKey = "manifestCRC32"

    /// Writes `model` (and optionally an opaque vectorizer blob and a matcher file, named and
    /// checksummed in `model.json` like the rest) to the folder `directory`.
    ///
    /// An existing `directory` is replaced only when it is empty or holds exactly an xmr model
    /// (a valid `model.json` and the files it lists); anything else is refused unless `force`.
    public static func save(_ model: XRLinearModel, to directory: URL, vectorizer: Data? = nil,
                            matcherFile: (name: String, bytes: Data)? = nil, force: Bool = false) throws {
        var files: [String: Data] = [:]
        files[treeFile] = encodeTree(model.tree)
        var weightFiles: [String] = []
        // The weight files are the levels' images, written without a copy while `images` lives.
        let images = model.levels.enumerated().map { i, level in
            level.image.level == i + 1 ? level.image : level.image.renumbered(level: i + 1)
        }
        for (i, image) in images.enumerated() {
            let name = weightFile(level: i + 1)
            files[name] = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: image.bytes.baseAddress!),
                               count: image.bytes.count, deallocator: .none)
            weightFiles.append(name)
        }
        defer { withExtendedLifetime(images) {} }
        if let names = model.labelNames {
            let text = names.map { $0.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
                .joined(separator: "\n") + "\n"
            files[labelNamesFile] = Data(text.utf8)
        }
        if let frequencies = model.labelFrequencies {
            var w = BinaryWriter()
            w.write(magic: frequenciesMagic)
            w.write(binaryVersion)
            w.write(frequencies.count)
            w.write(offsets: frequencies)
            files[labelFrequenciesFile] = w.data
        }
        if let vectorizer { files[vectorizerFile] = vectorizer }
        if let matcherFile {
            guard isPlainFileName(matcherFile.name), files[matcherFile.name] == nil, matcherFile.name != manifestFile else {
                throw XRLinearError.invalidInput("the matcher's file name '\(PrintableText.escaped(matcherFile.name))' is taken or not a plain name")
            }
            files[matcherFile.name] = matcherFile.bytes
        }
        let manifest = ModelManifest(
            format: "xmr-xr-linear", formatVersion: ModelManifest.currentVersion, pipeline: model.parameters,
            featureCount: model.featureCount, labelCount: model.labelCount, depth: model.depth,
            nodeCounts: (0...model.depth).map { model.tree.nodeCount(atLevel: $0) },
            nonzeros: model.levels.map(\.nonzeros), treeFile: treeFile, weightFiles: weightFiles,
            labelNamesFile: model.labelNames == nil ? nil : labelNamesFile,
            labelFrequenciesFile: model.labelFrequencies == nil ? nil : labelFrequenciesFile,
            vectorizerFile: vectorizer == nil ? nil : vectorizerFile, matcherFile: matcherFile?.name,
            files: files.mapValues { .init(bytes: $0.count, crc32: hex(CRC32.checksum($0))) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        files[manifestFile] = sealManifest(try encoder.encode(manifest))
        try writeAtomically(files: files, to: directory, force: force)
    }

    /// Loads the model in folder `directory`.
    public static func load(from directory: URL) throws -> XRLinearModel {
        try loadFolder(from: directory).model
    }

    /// Loads the model and the vectorizer blob, if the folder has one.
    public static func loadFolder(from directory: URL) throws -> (model: XRLinearModel, vectorizer: Data?) {
        let loaded = try loadParts(from: directory)
        return (loaded.model, loaded.vectorizer)
    }

    /// Loads the model, the vectorizer blob and the manifest (which names a matcher file, if any).
    static func loadParts(from directory: URL) throws -> (model: XRLinearModel, vectorizer: Data?, manifest: ModelManifest) {
        let manifest = try readManifest(in: directory)
        let treeData = try readChecked(manifest.treeFile, in: directory, manifest: manifest)
        let tree = try decodeTree(treeData, file: manifest.treeFile)
        guard tree.depth == manifest.depth, tree.labelCount == manifest.labelCount,
              manifest.weightFiles.count == manifest.depth else {
            throw XRLinearError.invalidModelFile(file: manifest.treeFile, message: "tree shape does not match model.json")
        }
        var levels: [LevelWeights] = []
        for (i, name) in manifest.weightFiles.enumerated() {
            let level = try loadWeights(name, in: directory, manifest: manifest, level: i + 1)
            guard level.dimension == manifest.featureCount + 1 else {
                throw XRLinearError.invalidModelFile(file: name, message: "dimension \(level.dimension) does not match model.json")
            }
            if let problem = level.validate(tree: tree, level: i + 1) {
                throw XRLinearError.invalidModelFile(file: name, message: problem)
            }
            levels.append(level)
        }
        var names: [String]?
        if let file = manifest.labelNamesFile {
            var lines = nameLines(try readChecked(file, in: directory, manifest: manifest))
            if lines.last == "" { lines.removeLast() }
            guard lines.count == manifest.labelCount else {
                throw XRLinearError.invalidModelFile(file: file, message: "has \(lines.count) names for \(manifest.labelCount) labels")
            }
            names = lines
        }
        var frequencies: [Int]?
        if let file = manifest.labelFrequenciesFile {
            var r = BinaryReader(data: try readChecked(file, in: directory, manifest: manifest), file: file)
            try r.readMagic(frequenciesMagic)
            let version = try r.readUInt32()
            guard version == binaryVersion else {
                throw XRLinearError.invalidModelFile(file: file, message: "unsupported file version \(version)")
            }
            let count = try r.readCount()
            guard count == manifest.labelCount else {
                throw XRLinearError.invalidModelFile(file: file, message: "has \(count) counts for \(manifest.labelCount) labels")
            }
            frequencies = try r.readOffsets(count)
            try r.expectEnd()
        }
        let vectorizer = try manifest.vectorizerFile.map { try readChecked($0, in: directory, manifest: manifest) }
        do {
            let model = try XRLinearModel(parameters: manifest.pipeline, featureCount: manifest.featureCount,
                                          labelCount: manifest.labelCount, tree: tree, levels: levels, labelNames: names,
                                          labelFrequencies: frequencies)
            return (model, vectorizer, manifest)
        } catch let error as XRLinearError {
            throw XRLinearError.invalidModelFile(file: manifestFile, message: error.description)
        }
    }

    /// Level `level`'s weight file: memory-mapped (format 5 and later, file version 4; its chunks
    /// are checked on first use), or read whole, checked and converted (older folders).
    private static func loadWeights(_ name: String, in directory: URL, manifest: ModelManifest, level: Int) throws -> LevelWeights {
        guard manifest.formatVersion >= 5 else {
            return try decodeWeights(try readChecked(name, in: directory, manifest: manifest), file: name, level: level)
        }
        let path = directory.appendingPathComponent(name).path
        guard let entry = manifest.files[name] else {
            throw XRLinearError.invalidModelFile(file: path, message: "is not listed in model.json")
        }
        return LevelWeights(image: try WeightImage.map(path: path, level: level, expectedBytes: entry.bytes))
    }

    /// Reads and checks `model.json` alone (cheap: for listing models).
    public static func readManifest(in directory: URL) throws -> ModelManifest {
        let url = directory.appendingPathComponent(manifestFile)
        let data: Data
        do {
            data = try InputFile.read(url)
        } catch let error as InputFile.ReadError {
            throw XRLinearError.invalidModelFile(file: url.path, message: error.reason + (error.isMissing ? " (is this a model folder?)" : ""))
        }
        return try decodeManifest(data, path: url.path)
    }

    /// Decodes and checks the bytes of a `model.json`; `path` names it in errors.
    static func decodeManifest(_ data: Data, path: String) throws -> ModelManifest {
        struct VersionProbe: Decodable { var format: String?; var formatVersion: Int? }
        guard let probe = try? JSONDecoder().decode(VersionProbe.self, from: data) else {
            throw XRLinearError.invalidModelFile(file: path, message: "not valid JSON (truncated or corrupted)")
        }
        guard probe.format == "xmr-xr-linear" else {
            throw XRLinearError.invalidModelFile(file: path, message: "not an xmr XR-Linear model")
        }
        guard let version = probe.formatVersion, ModelManifest.readableVersions.contains(version) else {
            let readable = ModelManifest.readableVersions
            throw XRLinearError.invalidModelFile(file: path, message: "unsupported format version \(probe.formatVersion.map(String.init) ?? "none") (this xmr reads versions \(readable.lowerBound) to \(readable.upperBound))")
        }
        // After the version check, so that a newer xmr's model gets that message; before the
        // fields are trusted.
        try checkManifestChecksum(data, path: path)
        do {
            let manifest = try JSONDecoder().decode(ModelManifest.self, from: data)
            try manifest.pipeline.validate()
            guard (1...64).contains(manifest.depth), manifest.nodeCounts.count == manifest.depth + 1,
                  (0..<Int(Int32.max)).contains(manifest.featureCount), (1...Int(Int32.max)).contains(manifest.labelCount) else {
                throw XRLinearError.invalidModelFile(file: path, message: "inconsistent shapes")
            }
            let named = [manifest.treeFile] + manifest.weightFiles + Array(manifest.files.keys)
                + [manifest.labelNamesFile, manifest.labelFrequenciesFile, manifest.vectorizerFile, manifest.matcherFile]
                .compactMap { $0 }
            if let bad = named.first(where: { !isPlainFileName($0) }) {
                throw XRLinearError.invalidModelFile(file: path, message:
                    "names the file '\(PrintableText.escaped(bad))', which is not a plain file name inside the model folder")
            }
            return manifest
        } catch let error as XRLinearError {
            throw XRLinearError.invalidModelFile(file: path, message: error.description)
        } catch {
            throw XRLinearError.invalidModelFile(file: path, message: "missing or malformed fields")
        }
    }

    /// True for a file name that stays inside its folder: no separators, not `.`/`..`, no NUL.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\")
            && !name.utf8.contains(0)
    }

    /// The vectorizer blob stored with a model, if any.
    public static func loadVectorizer(from directory: URL) throws -> Data? {
        let manifest = try readManifest(in: directory)
        return try manifest.vectorizerFile.map { try readChecked($0, in: directory, manifest: manifest) }
    }

    /// Total bytes of the files of a saved model folder.
    public static func folderBytes(_ directory: URL) throws -> Int {
        let manifest = try readManifest(in: directory)
        let jsonBytes = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(manifestFile).path)[.size] as? Int) ?? 0
        return manifest.files.values.reduce(jsonBytes) { $0 + $1.bytes }
    }

    // MARK: - Files

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    private static func readChecked(_ name: String, in directory: URL, manifest: ModelManifest) throws -> Data {
        let path = directory.appendingPathComponent(name).path
        guard let entry = manifest.files[name] else {
            throw XRLinearError.invalidModelFile(file: path, message: "is not listed in model.json")
        }
        let data: Data
        do {
            data = try InputFile.read(URL(fileURLWithPath: path))
        } catch let error as InputFile.ReadError {
            throw XRLinearError.invalidModelFile(file: path, message: error.isMissing ? "is missing" : error.reason)
        }
        try data.withUnsafeBytes { try checkRecorded($0, path: path, entry: entry) }
        return data
    }

    /// Throws unless the bytes of file `name` of the folder, already in memory (read or
    /// memory-mapped), have the size and CRC-32 that `model.json` records.
    static func checkRecorded(_ bytes: UnsafeRawBufferPointer, name: String, in directory: URL, manifest: ModelManifest) throws {
        let path = directory.appendingPathComponent(name).path
        guard let entry = manifest.files[name] else {
            throw XRLinearError.invalidModelFile(file: path, message: "is not listed in model.json")
        }
        try checkRecorded(bytes, path: path, entry: entry)
    }

    private static func checkRecorded(_ bytes: UnsafeRawBufferPointer, path: String, entry: ModelManifest.FileEntry) throws {
        guard bytes.count == entry.bytes else {
            throw XRLinearError.invalidModelFile(file: path, message: bytes.count < entry.bytes
                ? "file is truncated (\(bytes.count) of \(entry.bytes) bytes)"
                : "file is longer than recorded (\(bytes.count) instead of \(entry.bytes) bytes)")
        }
        guard hex(CRC32.checksum(bytes)) == entry.crc32 else {
            throw XRLinearError.invalidModelFile(file: path, message: "file is corrupted (CRC-32 mismatch)")
        }
    }

    /// Inserts the `manifestCRC32` line, covering every other byte, after the opening brace.
    static func sealManifest(_ json: Data) -> Data {
        let opening = Data("{\n".utf8)
        guard json.starts(with: opening) else { return json }
        let line = "  \"\(manifestChecksumKey)\" : \"\(hex(CRC32.checksum(json)))\",\n"
        return opening + Data(line.utf8) + json.dropFirst(opening.count)
    }

    /// Checks the `manifestCRC32` line of a `model.json`; a file without one (written before
    /// xmr sealed its manifests) is accepted unchecked.
    static func checkManifestChecksum(_ data: Data, path: String) throws {
        let key = Data("\"\(manifestChecksumKey)\"".utf8)
        guard data.range(of: key) != nil else { return }
        let prefix = Data("{\n  \"\(manifestChecksumKey)\" : \"".utf8)
        let lineLength = prefix.count + 8 + 3
        let bytes = [UInt8](data.prefix(lineLength))
        guard bytes.count == lineLength, data.starts(with: prefix),
              bytes[(lineLength - 3)...].elementsEqual("\",\n".utf8) else {
            throw XRLinearError.invalidModelFile(file: path, message: "its \(manifestChecksumKey) line is not where xmr writes it (edited by hand?)")
        }
        let stored = String(decoding: bytes[prefix.count..<(prefix.count + 8)], as: UTF8.self)
        let rest = Data("{\n".utf8) + data.dropFirst(lineLength)
        guard hex(CRC32.checksum(rest)) == stored else {
            throw XRLinearError.invalidModelFile(file: path, message: "the file was changed after xmr saved it (CRC-32 mismatch); retrain or restore the model")
        }
    }

    /// Files other xmr commands write into a model folder beside the manifest's (the calibration
    /// of `xmr calibrate`). They belong to the model, so a save may replace a folder holding them,
    /// and they go with the model they belong to.
    public static let companionFiles = [CalibrationFile.fileName]

    /// The pieces of `bytes` between line feeds, as `split(separator:omittingEmptySubsequences: false)`
    /// gives them. Splitting the `Data` took a fifth of a 1M-label model's load (every byte went
    /// through an exclusivity check); `memchr` over the raw bytes does not.
    static func nameLines(_ bytes: Data) -> [String] {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String] in
            guard let base = raw.baseAddress else { return [""] }
            let newline = Int32(UInt8(ascii: "\n"))
            var lines: [String] = []
            var start = 0
            while true {
                let rest = raw.count - start
                let end: Int
                if let hit = memchr(base + start, newline, rest) {
                    end = base.distance(to: UnsafeRawPointer(hit))
                } else {
                    end = raw.count
                }
                let piece = UnsafeRawBufferPointer(start: base + start, count: end - start)
                lines.append(String(decoding: piece.bindMemory(to: UInt8.self), as: UTF8.self))
                if end == raw.count { return lines }
                start = end + 1
            }
        }
    }

    /// The kinds of temporaries a save leaves beside its target while it runs.
    static let temporaryKinds = ["tmp", "old"]

    private static func writeAtomically(files: [String: Data], to directory: URL, force: Bool) throws {
        let fm = FileManager.default
        let target = directory.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        repairStaleTemporaries(of: name, in: parent)
        // Refuse before writing anything: never replace what xmr did not write.
        try checkReplaceable(target, force: force)
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temp = parent.appendingPathComponent(".\(name).tmp-\(token)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            // Every file reaches the disk before the folder replaces the old model, so a power
            // loss after the exchange cannot leave a model whose files were never written.
            for name in files.keys.sorted() {
                try DurableFile.create(temp.appendingPathComponent(name), with: files[name]!)
            }
            DurableFile.syncFolder(temp)
        } catch {
            try? fm.removeItem(at: temp)
            let reason = (error as? DurableFile.Failure)?.reason ?? InputFile.reason(error)
            throw XRLinearError.invalidModelFile(file: target.path, message: "cannot write the model: \(reason)")
        }
        try FaultInjection.reach(.modelBeforeReplace)
        guard entryExists(target.path) else {
            if rename(temp.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temp)
                throw XRLinearError.invalidModelFile(file: target.path, message: "cannot write the model: \(reason)")
            }
            DurableFile.syncFolder(parent)
            return
        }
        if xmr_exchange_paths(temp.path, target.path) == 0 {
            // `temp` now holds the old model.
            DurableFile.syncFolder(parent)
            try FaultInjection.reach(.modelAfterReplace)
            removeEntry(temp)
            return
        }
        let exchangeError = errno
        guard exchangeError == EINVAL || exchangeError == ENOSYS || exchangeError == ENOTSUP || exchangeError == EXDEV else {
            try? fm.removeItem(at: temp)
            throw XRLinearError.invalidModelFile(file: target.path, message: "cannot replace the model: \(String(cString: strerror(exchangeError)))")
        }
        // Fallback where the file system cannot exchange: two renames. A kill between them leaves
        // the old model at `.NAME.old-PID-TOKEN`, which the next save moves back (see
        // `repairStaleTemporaries`).
        let old = parent.appendingPathComponent(".\(name).old-\(token)")
        guard rename(target.path, old.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw XRLinearError.invalidModelFile(file: target.path, message: "cannot replace the model: \(reason)")
        }
        try FaultInjection.reach(.modelAfterReplace)
        guard rename(temp.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, target.path)
            try? fm.removeItem(at: temp)
            throw XRLinearError.invalidModelFile(file: target.path, message: "cannot replace the model: \(reason)")
        }
        DurableFile.syncFolder(parent)
        removeEntry(old)
    }

    /// Throws unless `target` is absent, an empty folder, or exactly an xmr model folder (or,
    /// with `force`, any folder): what `save` checks before it writes anything.
    public static func checkReplaceable(_ target: URL, force: Bool) throws {
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR else {
            throw XRLinearError.invalidModelFile(file: target.path, message: kind == S_IFLNK
                ? "is a symbolic link; not replacing it (name the folder it points to)"
                : "exists and is not a folder; not replacing it")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        if entries.isEmpty || force { return }
        let manifest: ModelManifest
        do {
            manifest = try readManifest(in: target)
        } catch let error as XRLinearError {
            throw XRLinearError.invalidModelFile(file: target.path, message:
                "is not an xmr model folder (\(modelProblem(error))); not replacing it (--force replaces it anyway)")
        }
        let known = Set(manifest.files.keys).union([manifestFile] + companionFiles)
        let others = entries.filter { !known.contains($0) }.sorted()
        if !others.isEmpty {
            let shown = others.prefix(3).map(PrintableText.escaped).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
            throw XRLinearError.invalidModelFile(file: target.path, message:
                "holds files that are not part of its model (\(shown)); not replacing it (--force replaces it anyway)")
        }
    }

    /// The message of a model error without its file name.
    private static func modelProblem(_ error: XRLinearError) -> String {
        if case let .invalidModelFile(file, message) = error {
            return "\(URL(fileURLWithPath: file).lastPathComponent): \(message)"
        }
        return error.description
    }

    /// Removes the temporaries of saves of `name` in `parent` whose process is gone; an old copy
    /// whose target is missing (a kill between the fallback's two renames) is moved back instead.
    static func repairStaleTemporaries(of name: String, in parent: URL) {
        for stale in StaleTemporaries.find(in: parent, kinds: temporaryKinds) where stale.name == name {
            let url = parent.appendingPathComponent(stale.entry)
            if stale.kind == "old", !entryExists(parent.appendingPathComponent(name).path) {
                _ = rename(url.path, parent.appendingPathComponent(name).path)
            } else {
                removeEntry(url)
            }
        }
    }

    /// True when anything (a dangling symbolic link included) exists at `path`.
    private static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Removes a folder xmr wrote (or a symbolic link, without following it).
    private static func removeEntry(_ url: URL) {
        var info = stat()
        if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            unlink(url.path)
        } else {
            try? FileManager.default.removeItem(at: url)
        }
    }

    // MARK: - Binary encodings

    static func encodeTree(_ tree: LabelTree) -> Data {
        var w = BinaryWriter()
        w.write(magic: treeMagic)
        w.write(binaryVersion)
        w.write(UInt32(tree.depth))
        for level in tree.parents {
            w.write(level.count)
            w.write(level)
        }
        return w.data
    }

    static func decodeTree(_ data: Data, file: String) throws -> LabelTree {
        var r = BinaryReader(data: data, file: file)
        try r.readMagic(treeMagic)
        let version = try r.readUInt32()
        guard version == binaryVersion else {
            throw XRLinearError.invalidModelFile(file: file, message: "unsupported file version \(version)")
        }
        let depth = Int(try r.readUInt32())
        guard depth >= 1, depth <= 64 else {
            throw XRLinearError.invalidModelFile(file: file, message: "implausible tree depth \(depth)")
        }
        var parents: [[Int32]] = []
        var previous = 1
        for t in 1...depth {
            let count = try r.readCount()
            let level = try r.readInt32s(count)
            guard level.allSatisfy({ $0 >= 0 && Int($0) < previous }) else {
                throw XRLinearError.invalidModelFile(file: file, message: "level \(t) has a parent out of range")
            }
            parents.append(level)
            previous = count
        }
        try r.expectEnd()
        return LabelTree(parents: parents)
    }

    /// A level's weight file (version 4): its image, renumbered if it was built without its level.
    static func encodeWeights(_ level: LevelWeights, level t: Int) -> Data {
        let image = level.image.level == t ? level.image : level.image.renumbered(level: t)
        return Data(image.bytes)
    }

    /// Reads a weight file of version 3, 2 or 1 (converted to an in-memory image).
    static func decodeWeights(_ data: Data, file: String, level t: Int) throws -> LevelWeights {
        var r = BinaryReader(data: data, file: file)
        try r.readMagic(weightsMagic)
        let version = try r.readUInt32()
        if version == 3 { return try WeightFileVersion3.decode(data, file: file, level: t) }
        guard version == 1 || version == 2 else {
            throw XRLinearError.invalidModelFile(file: file, message: "unsupported file version \(version)")
        }
        let storedLevel = Int(try r.readUInt32())
        guard storedLevel == t else {
            throw XRLinearError.invalidModelFile(file: file, message: "holds level \(storedLevel), expected \(t)")
        }
        let dimension = try r.readCount()
        let parents = try r.readCount()
        let rows = try r.readCount()
        let entries = try r.readCount()
        guard entries <= LevelWeights.maxNonzeros else {
            throw XRLinearError.invalidModelFile(file: file, message: "has \(entries) weights; xmr stores at most \(LevelWeights.maxNonzeros) per level")
        }
        let chunkPointers = try r.readOffsets(parents + 1)
        let rowFeatures = try r.readInt32s(rows)
        let rowPointers: [UInt32]
        let entryChildren: [UInt16]
        let entryValues: [Float]
        if version == 1 {
            let wide = try r.readOffsets(rows + 1)
            guard wide.allSatisfy({ $0 >= 0 && $0 <= entries }) else {
                throw XRLinearError.invalidModelFile(file: file, message: "bad row pointers")
            }
            let children = try r.readInt32s(entries)
            guard children.allSatisfy({ $0 >= 0 && Int($0) < LevelWeights.maxChildrenPerNode }) else {
                throw XRLinearError.invalidModelFile(file: file, message: "entry child out of range (xmr stores at most \(LevelWeights.maxChildrenPerNode) children per node)")
            }
            rowPointers = wide.map { UInt32($0) }
            entryChildren = children.map { UInt16($0) }
            entryValues = try r.readFloats(entries)
        } else {
            rowPointers = try r.readUInt32s(rows + 1)
            entryValues = try r.readFloats(entries)
            entryChildren = try r.readUInt16s(entries)
        }
        try r.expectEnd()
        return LevelWeights(dimension: dimension, chunkPointers: chunkPointers, rowFeatures: rowFeatures,
                            rowPointers: rowPointers, entryChildren: entryChildren, entryValues: entryValues, level: t)
    }
}
