import Foundation
import XMR

/// Reads the vectors of `xmr ann`: `.npy` rows (dense) or the feature rows of an XMC text file (sparse).
enum AnnVectorFile {
    /// The vectors in the file at `path`.
    static func read(_ path: String) throws -> ANNVectors {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path): no such file") }
        if url.pathExtension.lowercased() == "npy" {
            return .dense(try DenseMatrix.readNumpy(from: url))
        }
        return .sparse(try XMCTextFile(contentsOf: url).features)
    }
}
