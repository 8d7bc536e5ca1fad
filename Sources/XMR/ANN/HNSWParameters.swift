/// Construction parameters of an HNSW index.
public struct HNSWParameters: Sendable, Equatable, Codable {
    /// Neighbours kept per node on the upper levels; the bottom level keeps up to `2 M`.
    public var m: Int
    /// Size of the candidate list while inserting a node (larger: better graph, slower build).
    public var efConstruction: Int
    /// Seed of the node levels; the same seed gives the same index for any thread count.
    public var seed: UInt64
    /// Worker threads for the build (0 = every active core); the graph does not depend on it.
    public var threads: Int

    /// Parameters with hnswlib's and libpecos' usual defaults (M 16, efConstruction 200).
    public init(m: Int = 16, efConstruction: Int = 200, seed: UInt64 = 0, threads: Int = 0) {
        self.m = m
        self.efConstruction = efConstruction
        self.seed = seed
        self.threads = threads
    }

    /// The largest M accepted (neighbour lists are small fixed slots).
    public static let maximumM = 256

    /// Throws `ANNError.invalidParameter` for a value out of range.
    public func validate() throws {
        guard m >= 2, m <= Self.maximumM else {
            throw ANNError.invalidParameter(name: "m", message: "must be between 2 and \(Self.maximumM), got \(m)")
        }
        guard efConstruction >= 1, efConstruction <= 100_000 else {
            throw ANNError.invalidParameter(name: "ef-construction", message: "must be between 1 and 100000, got \(efConstruction)")
        }
        guard threads >= 0, threads <= maximumThreadCount else {
            throw ANNError.invalidParameter(name: "threads", message: "must be 0 (all cores) to \(maximumThreadCount), got \(threads)")
        }
    }
}
