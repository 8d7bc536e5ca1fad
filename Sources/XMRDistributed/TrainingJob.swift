import XMR

/// What rank 0 sends a worker: the pipeline, the tree, the split, the worker's subtree roots,
/// and only the training points under them (their scaled feature rows and label rows).
public struct TrainingJob: Sendable {
    /// The pipeline being trained.
    public var pipeline: Pipeline
    /// The label tree.
    public var tree: LabelTree
    /// The level whose nodes root the subtrees.
    public var splitLevel: Int
    /// The dense block width of the whole training set.
    public var denseColumns: Int
    /// The worker's subtree roots (nodes of `splitLevel`).
    public var roots: [Int]
    /// The worker's points' feature rows, already scaled as the pipeline asks.
    public var features: CSRMatrix
    /// The worker's points' label rows.
    public var labels: CSRMatrix

    /// Appends the job to a message.
    public func write(to writer: inout MessageWriter) throws {
        try writer.append(pipeline)
        writer.append(tree)
        writer.append(splitLevel)
        writer.append(denseColumns)
        writer.append(roots)
        writer.append(features)
        writer.append(labels)
    }

    /// Reads a job from a message.
    public init(reading reader: inout MessageReader) throws {
        pipeline = try reader.readPipeline()
        tree = try reader.readTree()
        splitLevel = try reader.readInt()
        denseColumns = try reader.readInt()
        roots = try reader.readArray(of: Int.self)
        features = try reader.readMatrix()
        labels = try reader.readMatrix()
    }

    /// Bundles a job.
    public init(pipeline: Pipeline, tree: LabelTree, splitLevel: Int, denseColumns: Int, roots: [Int],
                features: CSRMatrix, labels: CSRMatrix) {
        self.pipeline = pipeline
        self.tree = tree
        self.splitLevel = splitLevel
        self.denseColumns = denseColumns
        self.roots = roots
        self.features = features
        self.labels = labels
    }
}
