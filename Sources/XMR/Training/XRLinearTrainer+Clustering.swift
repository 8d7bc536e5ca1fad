import Foundation

extension XRLinearTrainer {
    /// Trains a complete model: label representation, label tree, then the per-level rankers.
    ///
    /// - Parameters:
    ///   - labelNameFeatures: labels × name features (TF-IDF of label names); needed only for
    ///     the `pifa+names` representation.
    ///   - progress: clustering events, then level events, then `.finished`; from worker threads.
    ///   - cancel: honoured between clustering splits and between binary problems.
    public func train(features: CSRMatrix, labels: CSRMatrix, parameters: XRLinearParameters,
                      labelNames: [String]? = nil, labelNameFeatures: CSRMatrix? = nil,
                      progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                      cancel: CancellationToken? = nil) throws -> XRLinearModel {
        try parameters.validate()
        guard features.rows == labels.rows else {
            throw XRLinearError.invalidInput("features have \(features.rows) rows but labels have \(labels.rows)")
        }
        guard labels.cols >= 1 else { throw XRLinearError.invalidInput("the dataset has no labels") }
        let start = Date()
        let x = parameters.normalizeRows ? features.l2NormalizedRows() : features
        progress?(.clusteringStarted(labels: labels.cols))
        let tree: LabelTree
        do {
            let clustering = HierarchicalClustering(branching: parameters.branching, maxLeafSize: parameters.maxLeafSize,
                                                    depth: parameters.depth, seed: UInt64(parameters.seed),
                                                    threads: parameters.threads)
            try Self.checkLeafSize(clustering, labelCount: labels.cols)
            let representation = LabelRepresentation(rawValue: parameters.representation.rawValue) ?? .pifa
            let vectors = try representation.labelVectors(features: x, labels: labels, labelNameFeatures: labelNameFeatures,
                                                          threads: parameters.threads)
            tree = try clustering.build(labelVectors: vectors, progress: { p in
                progress?(.clustering(done: p.totalSplitsDone, total: p.totalSplits))
            }, isCancelled: { cancel?.isCancelled ?? false })
        } catch IndexingError.cancelled {
            throw XRLinearError.cancelled
        } catch let IndexingError.invalidParameter(name, message) {
            throw XRLinearError.invalidParameter(name: name, message: message)
        } catch let error as IndexingError {
            throw XRLinearError.invalidInput(error.description)
        }
        progress?(.clusteringFinished(nodeCounts: (0...tree.depth).map { tree.nodeCount(atLevel: $0) },
                                      seconds: Date().timeIntervalSince(start)))
        var rankerParameters = parameters
        rankerParameters.normalizeRows = false
        var model = try train(features: x, labels: labels, tree: tree, parameters: rankerParameters, labelNames: labelNames,
                              progress: { event in
                                  // Report the whole run's time, clustering included.
                                  if case let .finished(_, nonzeros) = event {
                                      progress?(.finished(seconds: Date().timeIntervalSince(start), nonzeros: nonzeros))
                                  } else {
                                      progress?(event)
                                  }
                              }, cancel: cancel)
        model.parameters.normalizeRows = parameters.normalizeRows
        return model
    }

    /// Rejects, before any work, a tree whose leaf clusters would hold more labels than a node
    /// can have children (cluster levels have at most `branching` ≤ 1024 children per node).
    static func checkLeafSize(_ clustering: HierarchicalClustering, labelCount: Int) throws {
        let d = try clustering.binaryDepth(labelCount: labelCount)
        let largest = (labelCount + (1 << d) - 1) >> d
        guard largest > LevelWeights.maxChildrenPerNode else { return }
        let limit = "a model stores at most \(LevelWeights.maxChildrenPerNode) children per node"
        if let depth = clustering.depth {
            throw XRLinearError.invalidParameter(
                name: "depth", message: "\(depth) puts up to \(largest) of the \(labelCount) labels under one node; \(limit) (use a greater depth)")
        }
        throw XRLinearError.invalidParameter(
            name: "max-leaf-size", message: "\(clustering.maxLeafSize) puts up to \(largest) labels under one node; \(limit)")
    }
}
