import Foundation

extension ModelStore {
    /// Reads the whole model folder `directory`: the size and CRC-32 of every file `model.json`
    /// lists, then the model as `load` reads it and every chunk of every weight level (its
    /// CRC-32 and structure). Throws the first damage found, naming the file.
    ///
    /// Loading a model checks the weight files only lazily (each chunk on its first use); this
    /// is the full pass.
    public static func check(_ directory: URL) throws -> ModelCheckReport {
        let manifest = try readManifest(in: directory)
        var bytes = (try? FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent(manifestFile).path)[.size] as? Int) ?? 0
        for name in manifest.files.keys.sorted() {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do { data = try InputFile.read(url) } catch let error as InputFile.ReadError {
                throw XRLinearError.invalidModelFile(file: url.path, message: error.isMissing ? "is missing" : error.reason)
            }
            try data.withUnsafeBytes { try checkRecorded($0, name: name, in: directory, manifest: manifest) }
            bytes += data.count
        }
        let (model, _, _) = try loadParts(from: directory)
        var chunks = 0
        for (i, level) in model.levels.enumerated() {
            try level.checkAllChunks(tree: model.tree, level: i + 1)
            chunks += level.parentCount
        }
        return ModelCheckReport(files: manifest.files.count + 1, bytes: bytes, chunks: chunks,
                                formatVersion: manifest.formatVersion)
    }
}
