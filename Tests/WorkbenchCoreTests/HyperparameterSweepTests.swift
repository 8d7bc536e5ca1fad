import Testing
import XMR
@testable import WorkbenchCore

@Suite("Hyperparameter sweep")
struct HyperparameterSweepTests {
    @Test("Values become parameter sets that differ only in the swept parameter")
    func parameterSets() throws {
        var base = Pipeline()
        base.ranker.c = 2
        base.indexer.depth = 3
        let sweep = try HyperparameterSweep(parameter: .branching, text: "4, 8 16;32", base: base)
        let sets = sweep.parameterSets(base: base)
        #expect(sets.map(\.indexer.branching) == [4, 8, 16, 32])
        #expect(sets.allSatisfy { $0.ranker.c == 2 && $0.indexer.depth == 3 })
        #expect(sweep.summary == "B = 4, 8, 16, 32")

        let costs = try HyperparameterSweep(parameter: .cost, text: "0.5 1 2", base: base)
        #expect(costs.parameterSets(base: base).map(\.ranker.c) == [0.5, 1, 2])
        #expect(costs.summary == "C = 0.5, 1, 2")
        // A leaf-size sweep drops an explicit depth, which would override it.
        let leaves = try HyperparameterSweep(parameter: .maxLeafSize, text: "50", base: base)
        #expect(leaves.parameterSets(base: base).first?.indexer.depth == nil)
    }

    @Test("Bad values name the parameter and the value", arguments: [
        (HyperparameterSweep.Parameter.branching, "4 x", "invalid parameter B: \"x\" is not a whole number"),
        (.branching, "1", "invalid parameter branching: must be between 2 and 1024, got 1"),
        (.cost, "-1", "invalid parameter c: must be a positive number, got -1.0"),
        (.cost, "", "invalid parameter C: give at least one value"),
        (.branching, "2.5", "invalid parameter B: \"2.5\" is not a whole number"),
    ])
    func badValues(parameter: HyperparameterSweep.Parameter, text: String, message: String) {
        do {
            _ = try HyperparameterSweep(parameter: parameter, text: text, base: Pipeline())
            Issue.record("\(text) was accepted")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
