import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// The Train form's rows per stage (encoder, spectral, HNSW), its encoder folder field, its
/// scrolling, and encoding as a training stage with its own bar.
@Suite struct TrainFormTests {
    /// The tiny committed BERT folder of the encoder tests.
    static let tinyEncoder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("XMRTests/Fixtures/tiny-bert/model")

    @Test func stageParametersAppearWithTheirStage() {
        var p = Pipeline()
        let plain = TrainingField.visible(in: p)
        for hidden in [TrainingField.maxLength, .spectralDimension, .graphNeighbors, .hnswM, .hnswEfConstruction, .hnswEf] {
            #expect(!plain.contains(hidden), "\(hidden)")
        }
        #expect(plain.contains(.encoder) && plain.contains(.matcher) && plain.contains(.threads))
        p.matcher.algorithm = .hnsw
        #expect(TrainingField.visible(in: p).filter { [.hnswM, .hnswEfConstruction, .hnswEf].contains($0) }.count == 3)
        #expect(!TrainingField.visible(in: p).contains(.graphNeighbors))
        p.matcher.algorithm = .linear
        p.indexer.algorithm = .hnswGraph
        #expect(TrainingField.visible(in: p).contains(.graphNeighbors) && TrainingField.visible(in: p).contains(.hnswM))
        p.representation.algorithm = .pifaWithSpectral
        #expect(TrainingField.visible(in: p).contains(.spectralDimension))
        // The rows keep pipeline order: each stage's own parameters right under it.
        let rows = TrainingField.visible(in: p)
        #expect(rows.firstIndex(of: .spectralDimension)! == rows.firstIndex(of: .representation)! + 1)
        #expect(rows.firstIndex(of: .graphNeighbors)! == rows.firstIndex(of: .indexer)! + 1)
    }

    @Test func encoderFieldOpensTheFolderBeforeAcceptingIt() throws {
        var p = Pipeline()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-encoder-\(UUID().uuidString)")
        let error = try #require(TrainingField.encoder.assign(missing.path, to: &p))
        #expect(error.contains(missing.lastPathComponent), "\(error)")
        #expect(p.encoder == nil, "a refused folder leaves the pipeline as it was")

        #expect(TrainingField.encoder.assign(Self.tinyEncoder.path, to: &p) == nil)
        #expect(p.encoder?.path == Self.tinyEncoder.standardizedFileURL.path)
        #expect(TrainingField.visible(in: p).contains(.maxLength))
        #expect(TrainingField.maxLength.assign("1", to: &p) != nil)
        #expect(TrainingField.maxLength.assign("32", to: &p) == nil)
        #expect(p.encoder?.maxLength == 32)
        #expect(!TrainingField.encoder.isDefault(in: p))
        // A new folder keeps the max length; none removes the encoder.
        #expect(TrainingField.encoder.assign(Self.tinyEncoder.path + "/.", to: &p) == nil)
        #expect(p.encoder?.maxLength == 32)
        #expect(TrainingField.encoder.assign("none", to: &p) == nil)
        #expect(p.encoder == nil && TrainingField.encoder.isDefault(in: p))
        #expect(throws: Never.self) { try p.validate() }
    }

    @Test func formScrollsToKeepTheSelectedRowVisible() {
        var state = Fixtures.state(width: 80, height: 24)
        state.screen = .train
        state.focus(.trainForm)
        state.trainScreen.parameters.matcher.algorithm = .hnsw
        let rows = TrainingField.visible(in: state.trainScreen.parameters)
        let layout = WorkbenchLayout(width: 80, height: 24)
        #expect(TrainScreen.formRowCount(fields: rows.count, layout: layout) < rows.count)
        var top = WorkbenchRenderer.render(state)
        #expect(top.renderedText().contains("Features") && !top.renderedText().contains("Threads"))
        #expect(top.renderedText().contains("▼"))
        // Walk down to the last row: it is drawn, the first is scrolled away, and a click lands on the row drawn there.
        for _ in 1..<rows.count { _ = WorkbenchReducer.reduce(&state, key: .down) }
        #expect(state.trainScreen.selectedField == .threads)
        top = WorkbenchRenderer.render(state)
        let text = top.renderedText()
        #expect(text.contains("Threads") && text.contains("▲") && !text.contains(" Features "))
        let seedLine = (0..<24).first { top.line($0).contains(" Seed ") }!
        _ = WorkbenchReducer.reduce(&state, key: .mouse(x: 3, y: seedLine))
        #expect(state.trainScreen.selectedField == .seed)
    }

    @Test func encodingIsAStageWithItsOwnBar() {
        var snapshot = TrainingSnapshot(phase: .preparing)
        XRWorkbenchEngine.apply(.stageStarted(.encoding), to: &snapshot, clusteringStart: Date())
        XRWorkbenchEngine.apply(.encoding(done: 50, total: 200), to: &snapshot, clusteringStart: Date())
        #expect(snapshot.runningStep?.step == .engine(.encoding))
        #expect(snapshot.encodingFraction == 0.25)
        #expect(TrainScreen.describe(snapshot) == "encoding: 50/200 texts")
        var state = Fixtures.state(width: 120, height: 40)
        state.screen = .train
        state.trainScreen.status = .running(snapshot)
        let text = WorkbenchRenderer.render(state).renderedText()
        #expect(text.contains("Encoding") && text.contains("encoding: 50/200 texts"))
    }

    @Test func trainingWithAnEncoderEncodesFirstAndCancelsThere() throws {
        var p = Pipeline()
        p.threads = 1
        p.features.encoder = EncoderReference(path: Self.tinyEncoder.path, maxLength: 16)
        let dataset = Fixtures.dataset()
        let log = EngineScreenTests.SnapshotLog()
        let model = try XRWorkbenchEngine().train(dataset, pipeline: p, modelFolder: nil, progress: { log.append($0) },
                                                  cancel: CancellationToken())
        let steps = try #require(log.all.last).steps.map(\.step)
        #expect(steps.first == .engine(.encoding) && steps.dropFirst().first == .engine(.tfidf))
        #expect(log.all.contains { $0.runningStep?.step == .engine(.encoding) && $0.textsEncoded == dataset.train.count })
        // A typed query is embedded like the training texts.
        let answer = try model.answer(QueryRequest(input: .text("a tool for everyday work"), beamWidth: 2, topK: 3),
                                      dataset: dataset)
        #expect(answer.ranked.count == 3)
        #expect(answer.matcher == .linear)

        // Cancelling during the encoding stops there, with the cancellation error of every stage.
        let token = CancellationToken()
        let stages = EngineScreenTests.SnapshotLog()
        #expect(throws: XRLinearError.cancelled) {
            _ = try XRWorkbenchEngine().train(dataset, pipeline: p, modelFolder: nil, progress: { snapshot in
                stages.append(snapshot)
                if snapshot.runningStep?.step == .engine(.encoding) { token.cancel() }
            }, cancel: token)
        }
        #expect(stages.all.allSatisfy { $0.runningStep?.step == .engine(.encoding) || $0.steps.isEmpty })
    }

    @Test func theIdleTextNamesTheModelTheMatcherMakes() {
        var state = Fixtures.state(width: 120, height: 40)
        state.screen = .train
        #expect(WorkbenchRenderer.render(state).renderedText().contains("train an XR-Linear model"))
        state.trainScreen.parameters.matcher.algorithm = .neural
        let text = WorkbenchRenderer.render(state).renderedText()
        #expect(text.contains("neural") && !text.contains("XR-Linear model"))
    }

    @Test func theQueryScreenNamesTheMatcherTheFormChose() throws {
        var p = Pipeline()
        p.threads = 1
        p.matcher.algorithm = .hnsw
        let dataset = Fixtures.dataset()
        let model = try XRWorkbenchEngine().train(dataset, pipeline: p, modelFolder: nil, progress: { _ in },
                                                  cancel: CancellationToken())
        let result = try model.answer(QueryRequest(input: .testPoint(0), beamWidth: 2, topK: 3), dataset: dataset)
        #expect(result.matcher == .hnsw)
        var state = Fixtures.state(width: 120, height: 40, trained: true)
        state.screen = .query
        state.queryScreen.result = result
        let text = WorkbenchRenderer.render(state).renderedText()
        #expect(text.contains("Beam path · hnsw matcher · beam 2, top 3"))
        #expect(text.contains("HNSW found these clusters; the levels above show their parents"))
    }
}
