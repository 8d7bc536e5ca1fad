/// The content of `model.json`: format version, hyperparameters, shapes and per-file checksums.
public struct ModelManifest: Codable, Sendable, Equatable {
    /// Size and CRC-32 of one file of the model folder.
    public struct FileEntry: Codable, Sendable, Equatable {
        /// File size in bytes.
        public var bytes: Int
        /// CRC-32 of the file, as 8 lowercase hex digits.
        public var crc32: String
    }

    /// The model format version this code writes (2: compact `weights-N.bin` files).
    public static let currentVersion = 2
    /// The format versions this code reads (version 1 folders have version-1 weight files).
    public static let readableVersions = 1...currentVersion

    /// Always "xmr-xr-linear".
    public var format: String
    /// Format version; loading rejects anything outside `readableVersions`.
    public var formatVersion: Int
    /// Training hyperparameters.
    public var parameters: XRLinearParameters
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
    /// Size and checksum of every other file in the folder, by name.
    public var files: [String: FileEntry]
}
