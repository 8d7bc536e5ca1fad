import Testing
import XMR
@testable import WorkbenchCore

@Suite struct OverviewTests {
    @Test func histogramBinsCoverEveryLabelAndMergeTheHead() {
        let data = SampleData.overview
        let bins = data.frequencyHistogram(maxBins: 100)
        #expect(bins.map(\.labels).reduce(0, +) == data.dataset.labelCount)
        #expect(bins.first?.title == "0" && bins.first?.labels == data.unusedLabels)
        let merged = data.frequencyHistogram(maxBins: 4)
        #expect(merged.count == 4)
        #expect(merged.map(\.labels).reduce(0, +) == data.dataset.labelCount)
        #expect(merged.last?.upper == nil && merged.last?.title == "4+")
    }

    @Test func labelsAreRankedByFrequency() {
        let data = SampleData.overview
        let ranked = data.labelsByFrequency.map { data.labelFrequencies[$0] }
        #expect(ranked == ranked.sorted(by: >))
        #expect(data.dataset.labelName(data.labelsByFrequency[0]) == "devel::library")
        #expect(data.labelFrequencies[data.labelsByFrequency[0]] == 972)
    }

    @Test func treeOverviewPartitionsLabelsAndNamesNodes() {
        let overview = Fixtures.treeOverview()
        let children = (0..<4).map { overview.labels(underNode: $0, atLevel: 1) }
        #expect(children.flatMap { $0 }.sorted() == Array(0..<20))
        #expect(overview.labels(underNode: 0, atLevel: 0) == Array(0..<20))
        #expect(overview.name(ofNode: 0, atLevel: 1) == "role::program")
        #expect(overview.name(ofNode: 12, atLevel: 2) == "game::arcade")
    }

    @Test func keyFeaturesPreferWhatIsSpecificToANode() throws {
        let overview = Fixtures.treeOverview()
        let root = overview.summary(ofNode: 0, atLevel: 0, featureLimit: 30)
        // The root lists features by share, which sums to 1 over all features.
        let shares = root.topFeatures.map(\.share)
        #expect(shares == shares.sorted(by: >))
        #expect(abs(shares.reduce(0, +) - 1) < 1e-6)
        // A cluster's first key feature is more common inside it than overall.
        let cluster = overview.summary(ofNode: 2, atLevel: 1)
        let first = try #require(cluster.topFeatures.first)
        #expect(first.lift > 1)
        #expect(cluster.size == 5)
        #expect(cluster.topLabels.count == 5)
        #expect(cluster.occurrences == cluster.topLabels.map(\.frequency).reduce(0, +))
    }

    @Test func rankerFeaturesComeFromTheModelForEveryNodeButTheRoot() {
        let data = Fixtures.overview()
        let overview = TreeOverview(tree: Fixtures.tree(), dataset: data.dataset, labelFrequencies: data.labelFrequencies,
                                    rankerFeatures: { node, level, count in
                                        Array([("w\(level).\(node)", Float(0.9)), ("other", Float(0.2))].prefix(count))
                                    })
        #expect(overview.summary(ofNode: 0, atLevel: 0).rankerFeatures.isEmpty)
        let summary = overview.summary(ofNode: 3, atLevel: 1, featureLimit: 1)
        #expect(summary.rankerFeatures.map(\.name) == ["w1.3"])
        var state = Fixtures.state(trained: true)
        state.treeOverview = overview
        _ = WorkbenchReducer.reduce(&state, key: .character("3"))
        _ = WorkbenchReducer.reduce(&state, key: .down)
        let text = WorkbenchRenderer.render(state).renderedText()
        #expect(text.contains("Ranker's top words"))
        #expect(text.contains("w1.0"))
    }

    @Test func numbersAreFormattedTheSameEverywhere() {
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.count(-1000) == "-1,000")
        #expect(Format.count(999) == "999")
        #expect(Format.seconds(0.123) == "0.12 s")
        #expect(Format.seconds(12.34) == "12.3 s")
        #expect(Format.seconds(125) == "2 m 05 s")
        #expect(Format.bytes(512) == "512 B")
        #expect(Format.bytes(2048) == "2.0 KB")
        #expect(Format.bytes(3 * 1024 * 1024) == "3.00 MB")
        #expect(Format.score(0.5) == "0.500")
        #expect(Format.score(0.0004) == "4.0e-04")
    }

    @Test func trainingChannelKeepsTheNewestUpdateAndNeverLosesTheEnd() throws {
        let channel = TrainingChannel()
        #expect(channel.take() == nil)
        channel.publish(TrainingSnapshot(phase: .clustering))
        channel.publish(TrainingSnapshot(phase: .training))
        guard case .progress(let snapshot)? = channel.take() else {
            Issue.record("expected progress")
            return
        }
        #expect(snapshot.phase == .training)
        #expect(channel.take() == nil)
        channel.finish(.failed("boom"))
        channel.publish(TrainingSnapshot(phase: .evaluating))
        guard case .failed(let reason)? = channel.take() else {
            Issue.record("the end was replaced by progress")
            return
        }
        #expect(reason == "boom")
        #expect(!channel.isCancelled)
        channel.cancel()
        #expect(channel.isCancelled)
        #expect(channel.progress.phase == .evaluating)
    }
}
