import Foundation
import Synchronization
import Testing
@testable import XMR

@Suite("Beam-width sweep")
struct BeamWidthSweepTests {
    @Test("Each width's precision equals a direct evaluation at that width")
    func precisionMatchesDirectEvaluation() throws {
        let (model, _, _) = try XRLinearModelTests.trained()
        let (tx, ty) = SyntheticData.problem(points: 120, labels: 20, seed: 42)
        let sweep = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty, beamWidths: [1, 2, 8], latencySample: 30,
                                       threads: 2)
        #expect(sweep.points.map(\.beamWidth) == [1, 2, 8])
        #expect(sweep.evaluatedPoints == 120)
        #expect(sweep.timedPoints == 30)
        for point in sweep.points {
            let batch = try model.predictBatch(tx, beamWidth: point.beamWidth, topK: 5)
            let metrics = try RankingMetrics(predictions: batch.rankings.map { $0.map { Int32($0.label) } }, truth: ty)
            #expect(point.precisionAt1 == metrics.precision[0])
            #expect(point.precisionAt5 == metrics.precision[4])
            #expect(point.latencyMilliseconds > 0)
            #expect(point.medianLatencyMilliseconds > 0)
        }
        // A beam of 1 cannot do better at P@5 than a beam that keeps every node of this small tree.
        #expect(sweep.points[0].precisionAt5 <= sweep.points[2].precisionAt5)
    }

    @Test("Progress is reported per width and a cancel stops the sweep")
    func progressAndCancel() throws {
        let (model, _, _) = try XRLinearModelTests.trained()
        let (tx, ty) = SyntheticData.problem(points: 40, labels: 20, seed: 5)
        let seen = Mutex<[BeamWidthSweep.Progress]>([])
        _ = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty, beamWidths: [1, 4], latencySample: 5,
                               progress: { p in seen.withLock { $0.append(p) } })
        let progress = seen.withLock { $0 }
        #expect(progress.map(\.widthsDone) == [0, 1, 2])
        #expect(progress.map(\.currentWidth) == [1, 4, nil])
        #expect(progress.last?.fraction == 1)

        let token = CancellationToken()
        #expect(throws: XRLinearError.cancelled) {
            _ = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty,
                                           beamWidths: [1, 2, 4], latencySample: 5,
                                           progress: { if $0.widthsDone == 1 { token.cancel() } }, cancel: token)
        }
    }

    @Test("Bad widths and mismatched shapes are named errors")
    func badInput() throws {
        let (model, _, _) = try XRLinearModelTests.trained()
        let (tx, ty) = SyntheticData.problem(points: 10, labels: 20, seed: 5)
        #expect(throws: XRLinearError.self) { _ = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty, beamWidths: []) }
        #expect(throws: XRLinearError.self) { _ = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty, beamWidths: [0]) }
        #expect(throws: XRLinearError.self) {
            _ = try BeamWidthSweep.measure(TrainedModel(model, vectorizer: nil), queries: QueryBatch(features: tx), truth: ty.selectingRows([0, 1]), beamWidths: [1])
        }
        #expect(try BeamWidthSweep.parseWidths("1, 2 4;8") == [1, 2, 4, 8])
        #expect(throws: XRLinearError.invalidParameter(name: "beam-widths",
                                                       message: "\"x\" is not a beam width (a whole number ≥ 1)")) {
            _ = try BeamWidthSweep.parseWidths("1 x")
        }
    }

    @Test("A sweep survives a JSON round trip")
    func codable() throws {
        let sweep = BeamWidthSweep(points: [.init(beamWidth: 4, precisionAt1: 0.5, precisionAt5: 0.25, latencyMilliseconds: 0.1,
                                                  medianLatencyMilliseconds: 0.09)],
                                   evaluatedPoints: 10, timedPoints: 10)
        let data = try JSONEncoder().encode(sweep)
        #expect(try JSONDecoder().decode(BeamWidthSweep.self, from: data) == sweep)
    }
}
