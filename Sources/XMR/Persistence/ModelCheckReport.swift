/// What `ModelStore.check` read: every file of a model folder and every chunk of its weights.
public struct ModelCheckReport: Sendable, Equatable {
    /// Files whose size and CRC-32 matched `model.json` (`model.json` itself included).
    public var files: Int
    /// Bytes read.
    public var bytes: Int
    /// Weight chunks checked (CRC-32 and structure).
    public var chunks: Int
    /// The folder's format version (older folders have no per-chunk checksums to check).
    public var formatVersion: Int
}
