import Foundation
import Testing
@testable import XMR

@Suite("XR-Linear training and beam search")
struct XRLinearModelTests {
    static func parameters(threads: Int = 2, negatives: NegativeSampling = .tfn) -> Pipeline {
        var p = Pipeline()
        p.threads = threads
        p.ranker.negatives = negatives
        p.ranker.threshold = 0.01
        return p
    }

    static func trained(threads: Int = 2, negatives: NegativeSampling = .tfn, seed: UInt64 = 1) throws -> (XRLinearModel, CSRMatrix, CSRMatrix) {
        let (x, y) = SyntheticData.problem(points: 300, labels: 20, seed: seed)
        let model = try XRLinearTrainer().train(features: x, labels: y, tree: SyntheticData.groupedTree(labels: 20),
                                                parameters: parameters(threads: threads, negatives: negatives))
        return (model, x, y)
    }

    /// Every label's score by brute force: the product of post-processed scores along its path.
    static func exhaustiveScores(_ model: XRLinearModel, _ x: SparseVector) -> [Float] {
        let query = model.prepare(x)
        var dense = [Float](repeating: 0, count: model.featureCount + 1)
        for (j, v) in zip(query.indices, query.values) { dense[Int(j)] = v }
        return (0..<model.labelCount).map { label in
            var score: Float = 1
            var node = 0
            for (t, child) in model.tree.path(toLabel: label).enumerated() {
                let local = model.tree.children(ofNode: node, atLevel: t).firstIndex(of: Int32(child))!
                let position = local - model.tree.childPointers[t][node]
                let w = model.levels[t].weights(parent: node, localChild: position)
                score *= model.parameters.postProcessor.transform(w.dot(dense))
                node = child
            }
            return score
        }
    }

    @Test("A trained model ranks held-out synthetic points well")
    func trainerReachesHighPrecision() throws {
        let (model, _, _) = try Self.trained()
        let (tx, ty) = SyntheticData.problem(points: 200, labels: 20, seed: 99)
        let prediction = try model.predictBatch(tx, beamWidth: 10, topK: 5)
        let p1 = SyntheticData.precisionAt1(prediction.rankings, ty)
        #expect(p1 > 0.9, "P@1 = \(p1)")
        #expect(model.nonzeros > 0)
    }

    @Test("Beam search with a beam wider than every level equals exhaustive scoring", arguments: [PostProcessor.l3Hinge, .sigmoid])
    func wideBeamEqualsExhaustive(postProcessor: PostProcessor) throws {
        var (model, _, _) = try Self.trained()
        model.parameters.postProcessor = postProcessor
        let (tx, _) = SyntheticData.problem(points: 30, labels: 20, seed: 7)
        for i in 0..<tx.rows {
            let x = tx.row(i)
            let exhaustive = Self.exhaustiveScores(model, x)
            let ranked = try model.predict(x, beamWidth: 1000, topK: 20)
            #expect(ranked.count == 20)
            for r in ranked { #expect(abs(r.score - exhaustive[r.label]) <= 1e-5 * max(1, abs(r.score))) }
            let order = exhaustive.indices.sorted { exhaustive[$0] != exhaustive[$1] ? exhaustive[$0] > exhaustive[$1] : $0 < $1 }
            #expect(ranked.map(\.label) == Array(order.prefix(20)))
        }
    }

    @Test("Trace agrees with predict and marks exactly the beam as kept")
    func traceMatchesPredict() throws {
        let (model, x, _) = try Self.trained()
        let query = x.row(3)
        let trace = try model.trace(query, beamWidth: 2, topK: 3)
        #expect(try trace.results == model.predict(query, beamWidth: 2, topK: 3))
        #expect(trace.levels.count == model.depth)
        #expect(trace.levels[0].candidates.filter(\.kept).count == 2)
        #expect(trace.levels.last!.candidates.filter(\.kept).map(\.node) == trace.results.map(\.label))
        // Every candidate of level t+1 is a child of a kept node of level t.
        for t in 1..<trace.levels.count {
            let kept = Set(trace.levels[t - 1].candidates.filter(\.kept).map(\.node))
            #expect(trace.levels[t].candidates.allSatisfy { kept.contains($0.parent) })
        }
    }

    @Test("Batch prediction equals one-by-one prediction and records the kept beams",
          arguments: [(threads: 1, blockSize: 7), (2, 7), (3, 1), (2, 1000)])
    func batchMatchesSingle(threads: Int, blockSize: Int) throws {
        let (model, x, _) = try Self.trained()
        let beams = ResultSlots<[[Int32]]>(count: x.rows, initial: [])
        // Blocks of 7: many block boundaries and a last block that is not full; blocks of 1: every
        // chunk is wanted by one query (hash lookups); blocks of 1000: chunks merged for many queries.
        // One search over every level, matcher and ranker levels alike.
        let levels = LinearLevels(tree: model.tree, weights: model.levels, firstLevel: 1, preparation: model.preparation,
                                  postProcessor: model.parameters.postProcessor, maxChildren: model.maxChildren)
        let whole = try BatchBeamSearch(levels: levels, beamWidth: 3, lastKeep: 4, threads: threads, blockSize: blockSize)
            .search(x, rows: 0..<x.rows, from: nil, recorded: beams)
        let rankings = ResultSlots<[LabelScore]>(count: x.rows, initial: [])
        for i in 0..<x.rows {
            rankings.pointer[i] = whole.clusters(ofQuery: i).map { LabelScore(label: $0.node, score: $0.score) }
        }
        for i in 0..<x.rows {
            let trace = try model.trace(x.row(i), beamWidth: 3, topK: 4)
            #expect(try rankings.pointer[i] == model.predict(x.row(i), beamWidth: 3, topK: 4))
            #expect(beams.pointer[i] == trace.levels.map { level in level.candidates.filter(\.kept).map { Int32($0.node) } })
        }
        let batch = try model.predictBatch(x, beamWidth: 3, topK: 4, threads: threads, recordBeams: true)
        #expect(batch.rankings == rankings.array())
        #expect(batch.beams! == beams.array())
    }

    @Test("Training does not depend on the thread count", arguments: [NegativeSampling.tfn, .man, .tfnMan])
    func threadIndependent(negatives: NegativeSampling) throws {
        let (one, _, _) = try Self.trained(threads: 1, negatives: negatives)
        let (two, _, _) = try Self.trained(threads: 2, negatives: negatives)
        #expect(one.levels == two.levels)
        // Seven threads split the top levels into one job per node or sibling group instead of per parent.
        let (seven, _, _) = try Self.trained(threads: 7, negatives: negatives)
        #expect(one.levels == seven.levels)
    }

    @Test("Cancelling from the progress callback stops training with .cancelled")
    func cancel() throws {
        let (x, y) = SyntheticData.problem(points: 200, labels: 20, seed: 5)
        let token = CancellationToken()
        #expect(throws: XRLinearError.cancelled) {
            _ = try XRLinearTrainer().train(features: x, labels: y, tree: SyntheticData.groupedTree(labels: 20),
                                            parameters: Self.parameters(), progress: { event in
                if case .level = event { token.cancel() }
            }, cancel: token)
        }
    }

    @Test("Invalid parameters name the parameter")
    func invalidParameters() {
        var p = Pipeline()
        p.ranker.c = -1
        #expect(throws: XRLinearError.invalidParameter(name: "c", message: "must be a positive number, got -1.0")) { try p.validate() }
        p = Pipeline()
        p.indexer.branching = 1
        #expect((try? p.validate()) == nil)
    }
}

@Suite("XR-Linear end to end with clustering")
struct XRLinearClusteringTrainingTests {
    @Test("Training with its own PIFA tree reaches high precision and reports progress in order")
    func trainsWithOwnTree() throws {
        let (x, y) = SyntheticData.problem(points: 300, labels: 20, seed: 11)
        var p = Pipeline()
        p.indexer.maxLeafSize = 4
        p.indexer.branching = 2
        p.threads = 2
        let events = EventLog()
        let model = try PipelineTrainer(p).train(features: x, labels: y, progress: { events.append($0) }).model
        #expect(model.depth >= 2)
        let (tx, ty) = SyntheticData.problem(points: 200, labels: 20, seed: 12)
        let p1 = SyntheticData.precisionAt1(try model.predictBatch(tx).rankings, ty)
        #expect(p1 > 0.9, "P@1 = \(p1)")
        let log = events.events
        guard case .clusteringStarted = log.first, case .finished = log.last else {
            Issue.record("unexpected event order \(log)")
            return
        }
        let lastLevels = log.compactMap { if case let .level(l) = $0, l.nodesDone == l.nodesTotal { return l.level } else { return nil } }
        #expect(lastLevels == Array(1...model.depth))
        let levelEvents = log.compactMap { if case let .level(l) = $0 { return l } else { return nil } }
        for (a, b) in zip(levelEvents, levelEvents.dropFirst()) {
            #expect(a.level < b.level || (a.level == b.level && a.nodesDone <= b.nodesDone), "events out of order: \(a) then \(b)")
        }
    }

    @Test("A cancelled token stops training before any level")
    func cancelledBeforeStart() {
        let (x, y) = SyntheticData.problem(points: 100, labels: 20, seed: 13)
        let token = CancellationToken()
        token.cancel()
        #expect(throws: XRLinearError.cancelled) {
            _ = try PipelineTrainer(Pipeline()).train(features: x, labels: y, cancel: token).model
        }
    }
}

/// Collects progress events from worker threads.
final class EventLog: @unchecked Sendable {
    // Safe: every access goes through the lock.
    private let lock = NSLock()
    private var stored: [TrainingProgress] = []
    func append(_ event: TrainingProgress) { lock.lock(); stored.append(event); lock.unlock() }
    var events: [TrainingProgress] { lock.lock(); defer { lock.unlock() }; return stored }
}

@Suite("XR-Linear model inspection")
struct XRLinearModelInspectionTests {
    @Test("A label's top features are its signature features")
    func topFeatures() throws {
        let (model, _, _) = try XRLinearModelTests.trained()
        // Label l owns features 4l ..< 4l + 4 in the synthetic problem.
        for label in [0, 5, 13] {
            let top = model.topFeatures(ofNode: label, atLevel: model.depth, count: 2)
            #expect(top.count == 2)
            #expect(top.allSatisfy { $0.feature / 4 == label }, "label \(label): \(top)")
        }
        let w = model.weights(ofNode: 5, atLevel: model.depth)
        #expect(w.dimension == model.featureCount + 1 && w.nonzeros > 0)
    }
}

@Suite("XR-Linear evaluation")
struct XRLinearEvaluationTests {
    @Test("Evaluation reports precision, non-increasing beam recall and latencies")
    func evaluation() throws {
        let (model, _, y) = try XRLinearModelTests.trained()
        let (tx, ty) = SyntheticData.problem(points: 120, labels: 20, seed: 21)
        let result = try ModelEvaluation.evaluate(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx),
                                                  truth: ty, trainingLabels: y, beamWidth: 2, topK: 5, threads: 2,
                                                  latencySample: 10)
        #expect(result.points == 120)
        #expect((result.metrics["P@1"] ?? 0) > 0.85)
        #expect(result.metrics["PSP@5"] != nil)
        let recall = result.beamRecall.perPoint
        #expect(recall.count == model.depth)
        #expect(zip(recall, recall.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(result.latenciesMilliseconds.count == 10)
        #expect(result.latencyMilliseconds(quantile: 0.5) <= result.latencyMilliseconds(quantile: 0.99))
        #expect(throws: XRLinearError.self) {
            _ = try ModelEvaluation.evaluate(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: y)
        }
    }
}
