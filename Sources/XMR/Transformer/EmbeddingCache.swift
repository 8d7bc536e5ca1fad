import Foundation

/// Embeddings of text lists stored as `.npy` files in a folder, keyed by the encoder's checksum,
/// a checksum of the texts and the max length, so that retraining does not re-encode.
public struct EmbeddingCache: Sendable {
    /// The cache folder (created on the first store).
    public let folder: URL

    /// A cache in `folder`.
    public init(folder: URL) { self.folder = folder }

    /// Text lists shorter than this are encoded every time (a query or two is not worth a file).
    public static let smallestCachedList = 64

    /// The user's cache: `$XMR_EMBEDDING_CACHE`, else `$XDG_CACHE_HOME/xmr/embeddings`, else
    /// `~/.cache/xmr/embeddings`.
    public static var standard: EmbeddingCache {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["XMR_EMBEDDING_CACHE"], !folder.isEmpty {
            return EmbeddingCache(folder: URL(fileURLWithPath: folder))
        }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return EmbeddingCache(folder: base.appendingPathComponent("xmr/embeddings"))
    }

    /// The file that holds the embeddings of `texts` by the encoder with `encoderChecksum`.
    public func file(encoderChecksum: String, texts: [String], maxLength: Int) -> URL {
        var crc = CRC32()
        for text in texts { Array(text.utf8 + [0x0A]).withUnsafeBytes { crc.update($0) } }
        let name = "\(encoderChecksum)-\(String(format: "%08x", crc.value))-\(texts.count)-\(maxLength).npy"
        return folder.appendingPathComponent(name)
    }

    /// The embeddings of `texts`: read from the cache when present with the right shape, else
    /// computed with `encoder` and stored (atomically). `stored` says which happened.
    public func embeddings(of texts: [String], encoder: TextEncoder, options: EncodingOptions = EncodingOptions(),
                           cancellation: CancellationToken? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> (embeddings: DenseMatrix, fromCache: Bool) {
        let url = file(encoderChecksum: try encoder.checksum(), texts: texts, maxLength: options.maxLength)
        if FileManager.default.fileExists(atPath: url.path),
           let cached = try? DenseMatrix.readNumpy(from: url), cached.rows == texts.count, cached.columns == encoder.dimension {
            return (cached, true)
        }
        let embeddings = try encoder.embed(texts, options: options, cancellation: cancellation, progress: progress)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw EncoderError.badFile(path: folder.path, message: "cannot create the embedding cache: \(InputFile.reason(error))")
        }
        try embeddings.writeNumpy(to: url)
        return (embeddings, false)
    }
}
