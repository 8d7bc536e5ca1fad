/// The content of `model.json`: format version, hyperparameters, shapes and per-file checksums.
public struct ModelManifest: Codable, Sendable, Equatable {
    /// Size and CRC-32 of one file of the model folder.
    public struct FileEntry: Codable, Sendable, Equatable {
        /// File size in bytes.
        public var bytes: Int
        /// CRC-32 of the file, as 8 lowercase hex digits.
        public var crc32: String
    }

    /// The model format version this code writes (5: memory-mapped `weights-N.bin` files of file
    /// version 4, the compact `WeightImage`; 4: memory-mapped weight files of version 3; 3: the
    /// staged pipeline description; 2: compact weight files).
    public static let currentVersion = 5
    /// The format versions this code reads (version 1 folders have version-1 weight files).
    public static let readableVersions = 1...currentVersion

    /// Always "xmr-xr-linear".
    public var format: String
    /// Format version; loading rejects anything outside `readableVersions`.
    public var formatVersion: Int
    /// The pipeline the model was trained with (key `pipeline`; format 1–2 files have the flat
    /// round-1 parameters under `parameters`, read into the same type).
    public var pipeline: Pipeline
    /// Input features (without bias).
    public var featureCount: Int
    /// Labels.
    public var labelCount: Int
    /// Levels below the root.
    public var depth: Int
    /// Nodes per level, level 0 (the root) first.
    public var nodeCounts: [Int]
    /// Stored weights per level (levels 1...depth).
    public var nonzeros: [Int]
    /// The tree file.
    public var treeFile: String
    /// The weight file of each level 1...depth.
    public var weightFiles: [String]
    /// The label-names file, if the model has names.
    public var labelNamesFile: String?
    /// The label-frequency file, if the model records training label counts.
    public var labelFrequenciesFile: String?
    /// The vectorizer file, if the model vectorizes raw text itself.
    public var vectorizerFile: String?
    /// The file of a matcher that is not linear (`StoredMatcher`, e.g. the hnsw matcher's index), if any.
    public var matcherFile: String?
    /// Size and checksum of every other file in the folder, by name.
    public var files: [String: FileEntry]
}

extension ModelManifest {
    enum CodingKeys: String, CodingKey {
        case format, formatVersion, pipeline, featureCount, labelCount, depth, nodeCounts, nonzeros, treeFile
        case weightFiles, labelNamesFile, labelFrequenciesFile, vectorizerFile, matcherFile, files
        /// Where format 1–2 kept the (flat) parameters.
        case parameters
    }

    /// Decodes `model.json`; format 1–2 files have their parameters under `parameters`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        pipeline = try c.decodeIfPresent(Pipeline.self, forKey: .pipeline)
            ?? c.decode(Pipeline.self, forKey: .parameters)
        featureCount = try c.decode(Int.self, forKey: .featureCount)
        labelCount = try c.decode(Int.self, forKey: .labelCount)
        depth = try c.decode(Int.self, forKey: .depth)
        nodeCounts = try c.decode([Int].self, forKey: .nodeCounts)
        nonzeros = try c.decode([Int].self, forKey: .nonzeros)
        treeFile = try c.decode(String.self, forKey: .treeFile)
        weightFiles = try c.decode([String].self, forKey: .weightFiles)
        labelNamesFile = try c.decodeIfPresent(String.self, forKey: .labelNamesFile)
        labelFrequenciesFile = try c.decodeIfPresent(String.self, forKey: .labelFrequenciesFile)
        vectorizerFile = try c.decodeIfPresent(String.self, forKey: .vectorizerFile)
        matcherFile = try c.decodeIfPresent(String.self, forKey: .matcherFile)
        files = try c.decode([String: FileEntry].self, forKey: .files)
    }

    /// Encodes `model.json` in the current format.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(pipeline, forKey: .pipeline)
        try c.encode(featureCount, forKey: .featureCount)
        try c.encode(labelCount, forKey: .labelCount)
        try c.encode(depth, forKey: .depth)
        try c.encode(nodeCounts, forKey: .nodeCounts)
        try c.encode(nonzeros, forKey: .nonzeros)
        try c.encode(treeFile, forKey: .treeFile)
        try c.encode(weightFiles, forKey: .weightFiles)
        try c.encodeIfPresent(labelNamesFile, forKey: .labelNamesFile)
        try c.encodeIfPresent(labelFrequenciesFile, forKey: .labelFrequenciesFile)
        try c.encodeIfPresent(vectorizerFile, forKey: .vectorizerFile)
        try c.encodeIfPresent(matcherFile, forKey: .matcherFile)
        try c.encode(files, forKey: .files)
    }
}
