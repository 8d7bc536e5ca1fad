import Foundation
import XMR

/// Loading a model folder given on the command line.
enum ModelFolderLoading {
    /// The model in `path`.
    static func load(_ path: String) throws -> XRLinearModel {
        try ModelStore.load(from: URL(fileURLWithPath: path))
    }
}
