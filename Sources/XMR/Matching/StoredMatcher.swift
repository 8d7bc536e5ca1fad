import Foundation

/// A matcher whose trained state is one file of the model folder (not linear weights): saved in
/// the same atomic save as the rest of the folder, its size and CRC-32 recorded in `model.json`
/// (`matcherFile`), and loaded back by its `MatcherAlgorithm` (`loadMatcher`).
///
/// `HNSWMatcher` conforms. A matcher that is not linear and does not conform cannot be saved.
public protocol StoredMatcher: ClusterMatcher {
    /// The file's name in the model folder (a plain name).
    var fileName: String { get }
    /// The file's bytes, or nil when this matcher has nothing to store (a one-level tree).
    func fileBytes() -> Data?
}
