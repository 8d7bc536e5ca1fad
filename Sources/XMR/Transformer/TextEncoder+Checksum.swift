import Foundation

extension TextEncoder {
    /// The files whose bytes decide what the encoder computes.
    public static let checksummedFiles = ["config.json", "vocab.txt", "tokenizer_config.json",
                                          "1_Pooling/config.json", "model.safetensors"]

    /// A hex CRC-32 over the files that decide the embeddings (name and bytes of each present one),
    /// so that a model trained on this encoder can tell when its folder has changed.
    /// A fine-tuned copy answers the checksum of its own weights.
    public func checksum() throws -> String {
        if let weightsChecksum { return weightsChecksum }
        var crc = CRC32()
        for name in Self.checksummedFiles {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data: Data
            do { data = try InputFile.read(url) } catch {
                throw EncoderError.badFile(path: url.path, message: "cannot read: \(InputFile.reason(error))")
            }
            Array(name.utf8 + [0]).withUnsafeBytes { crc.update($0) }
            data.withUnsafeBytes { crc.update($0) }
        }
        return String(format: "%08x", crc.value)
    }
}
