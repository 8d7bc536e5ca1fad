import Foundation

/// The text encoder a pipeline embeds texts with: its Hugging Face folder, the checksum of that
/// folder's files once a model is trained on it, and the tokens per text.
///
/// A model folder stores only this reference (in `model.json`), not the encoder's weights; loading
/// the model opens the folder again and refuses it when its checksum differs.
public struct EncoderReference: Sendable, Hashable, Codable {
    /// The encoder folder, as given (`config.json`, `vocab.txt`, `model.safetensors`, ...).
    public var path: String
    /// `TextEncoder.checksum()` of the folder the model was trained with (nil before training).
    public var checksum: String?
    /// Tokens per text, [CLS] and [SEP] included.
    public var maxLength: Int

    /// A reference to the folder at `path`.
    public init(path: String, checksum: String? = nil, maxLength: Int = EncodingOptions().maxLength) {
        self.path = path
        self.checksum = checksum
        self.maxLength = maxLength
    }

    enum CodingKeys: String, CodingKey { case path, checksum, maxLength }

    /// Decodes a reference; a missing `maxLength` keeps the default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        checksum = try c.decodeIfPresent(String.self, forKey: .checksum)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength) ?? EncodingOptions().maxLength
    }

    /// Opens the encoder folder. With a recorded checksum, a folder whose files changed since is
    /// refused; `owner` (the model's `model.json`) is named in that error and when the folder is gone.
    public func open(for owner: String? = nil) throws -> TextEncoder {
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if let owner, !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            throw EncoderError.badFile(path: owner, message: "the model's encoder folder \(path) is missing (train again, or restore the folder)")
        }
        let encoder = try TextEncoder(folder: url)
        if let checksum {
            let now = try encoder.checksum()
            guard now == checksum else {
                throw EncoderError.badFile(path: owner ?? path, message: "the encoder folder \(path) has changed since training (checksum \(now), trained with \(checksum)); train again")
            }
        }
        return encoder
    }
}
