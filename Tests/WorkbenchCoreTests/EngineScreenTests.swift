import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// The screens with a real XR-Linear model: trained on a few hundred points of the sample data
/// (debug builds are slow), with every duration replaced by a fixed value so snapshots are stable.
@Suite(.serialized) struct EngineScreenTests {
    /// The first 300 training and 100 test points of the sample, with their texts.
    static let smallDataset: Dataset = {
        let full = SampleData.dataset
        func head(_ split: DatasetSplit, _ count: Int) -> DatasetSplit {
            let rows = Array(0..<min(count, split.count))
            return DatasetSplit(features: split.features?.selectingRows(rows), labels: split.labels.selectingRows(rows),
                                texts: split.texts.map { Array($0.prefix(rows.count)) })
        }
        return Dataset(name: "debtags-small (300)", directory: full.directory, featureCount: full.featureCount,
                       labelCount: full.labelCount, train: head(full.train, 300), test: full.test.map { head($0, 100) },
                       labelNames: full.labelNames, featureNames: full.featureNames)
    }()

    static let parameters: Pipeline = {
        var p = Pipeline()
        p.threads = 2
        return p
    }()

    /// One trained model shared by the tests, with the snapshots the worker published.
    static let trained: (model: any TrainedWorkbenchModel, snapshots: [TrainingSnapshot]) = {
        let collected = SnapshotLog()
        do {
            let model = try XRWorkbenchEngine().train(smallDataset, pipeline: parameters,
                                                      progress: { collected.append($0) }, cancel: CancellationToken())
            return (model, collected.all)
        } catch {
            fatalError("training on the sample failed: \(error)")
        }
    }()

    /// A thread-safe list of snapshots. `@unchecked Sendable`: every access holds the lock.
    final class SnapshotLog: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [TrainingSnapshot] = []
        func append(_ s: TrainingSnapshot) { lock.lock(); items.append(s); lock.unlock() }
        var all: [TrainingSnapshot] { lock.lock(); defer { lock.unlock() }; return items }
    }

    /// The final snapshot with fixed durations.
    static func fixedSnapshot() -> TrainingSnapshot {
        var snapshot = trained.snapshots.last ?? TrainingSnapshot()
        snapshot.phase = .finished
        snapshot.clusteringSeconds = 0.25
        snapshot.steps = Fixtures.steps(snapshot.steps.map { ($0.step, 0.25) })
        snapshot.elapsedSeconds = 0.25 * Double(snapshot.steps.count)
        for i in snapshot.levels.indices { snapshot.levels[i].seconds = Double(i + 1) * 0.5 }
        return snapshot
    }

    /// A state with the small dataset and the trained model's results (durations fixed).
    static func state(width: Int, height: Int) -> WorkbenchState {
        var state = WorkbenchState(width: width, height: height, sessionName: "test")
        let overview = DatasetOverview(dataset: smallDataset)
        _ = WorkbenchReducer.apply(&state, event: .datasetLoaded(overview))
        _ = WorkbenchReducer.reduce(&state, key: .character("2"))
        _ = WorkbenchReducer.reduce(&state, key: .character("s"))
        var summary = trained.model.summary
        summary.trainingSeconds = 1.25
        summary.predictSeconds = 0.03   // measured times vary; the snapshot fixes them
        let model = trained.model
        let tree = TreeOverview(tree: model.tree, dataset: smallDataset, labelFrequencies: overview.labelFrequencies,
                                rankerFeatures: { model.rankerFeatures(ofNode: $0, atLevel: $1, count: $2) })
        _ = WorkbenchReducer.apply(&state, event: .trainingFinished(fixedSnapshot(), summary, tree))
        state.message = nil
        return state
    }

    @Test func trainingReportsEveryStageAndBeatsTheFrequencyBaseline() throws {
        let snapshots = Self.trained.snapshots
        #expect(snapshots.contains { $0.phase == .clustering })
        #expect(snapshots.contains { $0.phase == .training })
        #expect(snapshots.contains { $0.phase == .evaluating })
        let last = try #require(snapshots.last { $0.phase == .evaluating })
        #expect(last.treeShape.first == 1 && last.treeShape.last == 598)
        #expect(last.levels.allSatisfy { $0.nodesDone == $0.nodesTotal && $0.weightsKept > 0 })

        // Every stage as it really ran, one after the other from 0, their times adding up to the total.
        let final = try #require(snapshots.last)
        #expect(final.steps.map(\.step) == [.engine(.tfidf), .engine(.representation), .engine(.clustering),
                                             .engine(.matcher("linear")), .engine(.level(1)), .engine(.level(2)),
                                             .evaluation, .saving])
        #expect(final.runningStep == nil)
        #expect(final.steps.first?.start == 0)
        for (a, b) in zip(final.steps, final.steps.dropFirst()) { #expect(a.end == b.start) }
        let sum = final.steps.reduce(0) { $0 + final.seconds(of: $1) }
        #expect(abs(sum - final.elapsedSeconds) < 1e-9, "stages \(sum) s, total \(final.elapsedSeconds) s")
        // While a level trained, the status named it and gave an ETA once a node was done.
        let during = try #require(snapshots.first { $0.runningStep?.step == .engine(.level(2)) && ($0.levels.last?.nodesDone ?? 0) > 0 })
        #expect(during.estimatedRemainingSeconds != nil)
        #expect(TrainScreen.describe(during) == "level 2 of 2")
        #expect(TrainScreen.levelProgressLine(during)?.contains("levels ETA") == true)

        let summary = Self.trained.model.summary
        #expect(summary.evaluatedOnTest && summary.evaluatedPoints == 100)
        #expect(summary.weightCount > 0 && summary.modelBytes > summary.weightCount)
        // Always answering the most frequent training label is the baseline to beat.
        let test = try #require(Self.smallDataset.test)
        let frequencies = LabelFrequencyStatistics.frequencies(of: Self.smallDataset.train.labels)
        let top = frequencies.indices.max { frequencies[$0] < frequencies[$1] }!
        let baseline = Double((0..<test.count).filter { test.labels[$0, top] != 0 }.count) / Double(test.count)
        #expect(summary.precisionAt1 > baseline, "P@1 \(summary.precisionAt1) vs baseline \(baseline)")
        #expect(summary.precisionAt1 >= summary.precisionAt5)
    }

    @Test func matcherAwareNegativesAreAStageOfTheirOwn() throws {
        var parameters = Self.parameters
        parameters.ranker.negatives = .man
        let log = SnapshotLog()
        _ = try XRWorkbenchEngine().train(Self.smallDataset, pipeline: parameters, progress: { log.append($0) },
                                          cancel: CancellationToken())
        let steps = try #require(log.all.last).steps.map(\.step)
        #expect(steps == [.engine(.tfidf), .engine(.representation), .engine(.clustering), .engine(.matcher("linear")),
                          .engine(.level(1)), .engine(.matcherNegatives(level: 2)), .engine(.level(2)),
                          .evaluation, .saving])
        let during = try #require(log.all.first { $0.runningStep?.step == .engine(.matcherNegatives(level: 2)) })
        #expect(TrainScreen.describe(during) == "MAN negatives for level 2")
    }

    @Test func rankerFeaturesAreNamedWords() {
        let words = Self.trained.model.rankerFeatures(ofNode: 0, atLevel: 1, count: 5)
        #expect(words.count == 5)
        #expect(words.map(\.weight) == words.map(\.weight).sorted(by: >))
        // Every weight is named by a vocabulary word, never by the "f<id>" fallback.
        #expect(words.allSatisfy { $0.weight > 0 && !($0.name.hasPrefix("f") && Int($0.name.dropFirst()) != nil) })
        #expect(Self.trained.model.rankerFeatures(ofNode: 0, atLevel: 0, count: 5).isEmpty)
    }

    @Test func cancellingStopsTheTraining() {
        let token = CancellationToken()
        token.cancel()
        #expect(throws: XRLinearError.cancelled) {
            _ = try XRWorkbenchEngine().train(Self.smallDataset, pipeline: Self.parameters, progress: { _ in },
                                              cancel: token)
        }
    }

    @Test func testPointAnswersMarkTrueLabelsAndTheirFate() throws {
        let result = try Self.trained.model.answer(QueryRequest(input: .testPoint(0), beamWidth: 2, topK: 5),
                                                   dataset: Self.smallDataset)
        let test = try #require(Self.smallDataset.test)
        let truth = Set(test.labels.range(ofRow: 0).map { Int(test.labels.columnIndices[$0]) })
        #expect(result.ranked.count == 5)
        #expect(result.ranked.allSatisfy { $0.isTrue == truth.contains($0.label) })
        #expect(Set(result.trueLabels.map(\.label)) == truth)
        #expect(result.levels.count == Self.trained.model.tree.depth)
        #expect(result.levels.dropLast().allSatisfy { $0.kept.count <= 2 })
        for label in result.trueLabels {
            // A true label is either ranked or lost at a definite level, never both.
            #expect((label.rank == nil) != (label.exitLevel == nil))
        }
        #expect(result.text == test.texts?[0])
    }

    @Test func textQueriesAreVectorizedLikeTheTrainingTexts() throws {
        let result = try Self.trained.model.answer(QueryRequest(input: .text("perl module library"), beamWidth: 10, topK: 10),
                                                   dataset: Self.smallDataset)
        #expect(result.note == nil)
        #expect(result.ranked.count == 10)
        #expect(result.trueLabels.isEmpty)
        let unknown = try Self.trained.model.answer(QueryRequest(input: .text("zzqx wvvy"), beamWidth: 10, topK: 10),
                                                    dataset: Self.smallDataset)
        #expect(unknown.note != nil)
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func trainFinishedOnSample(size: [Int]) {
        let state = Self.state(width: size[0], height: size[1])
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "sample-train-\(size[0])x\(size[1])")
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func runsOnSample(size: [Int]) {
        var state = Self.state(width: size[0], height: size[1])
        _ = WorkbenchReducer.reduce(&state, key: .character("5"))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "sample-runs-\(size[0])x\(size[1])")
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func trainIdleOnSample(size: [Int]) {
        var state = SampleData.state(width: size[0], height: size[1])
        _ = WorkbenchReducer.reduce(&state, key: .character("2"))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "sample-train-idle-\(size[0])x\(size[1])")
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func treeOnSample(size: [Int]) {
        var state = Self.state(width: size[0], height: size[1])
        for key: Key in [.character("3"), .down, .enter] { _ = WorkbenchReducer.reduce(&state, key: key) }
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "sample-tree-\(size[0])x\(size[1])")
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func queryOnSample(size: [Int]) throws {
        var state = Self.state(width: size[0], height: size[1])
        let effects = WorkbenchReducer.reduce(&state, key: .character("4")) + WorkbenchReducer.reduce(&state, key: .character("n"))
        guard case .runQuery(let request) = try #require(effects.last) else {
            Issue.record("n did not ask for a query")
            return
        }
        let result = try Self.trained.model.answer(request, dataset: Self.smallDataset)
        _ = WorkbenchReducer.apply(&state, event: .queryAnswered(result))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "sample-query-\(size[0])x\(size[1])")
    }
}
