/// A query for the trained model: free text or a test point, with beam settings.
public struct QueryRequest: Sendable, Hashable {
    /// What is being asked.
    public enum Input: Sendable, Hashable {
        /// Text typed at the prompt.
        case text(String)
        /// The test point with this 0-based index.
        case testPoint(Int)
    }

    /// The input.
    public var input: Input
    /// Beam width for this query.
    public var beamWidth: Int
    /// Labels returned.
    public var topK: Int

    /// Creates a request.
    public init(input: Input, beamWidth: Int, topK: Int) {
        self.input = input
        self.beamWidth = beamWidth
        self.topK = topK
    }
}
