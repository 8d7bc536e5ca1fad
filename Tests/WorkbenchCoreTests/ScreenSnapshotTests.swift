import Testing
@testable import WorkbenchCore

/// Every screen at 80×24 and 120×40, compared with golden text.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func render(_ state: WorkbenchState) -> ScreenBuffer { WorkbenchRenderer.render(state) }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func dataScreen(size: [Int]) {
        var state = SampleData.state(width: size[0], height: size[1])
        _ = WorkbenchReducer.reduce(&state, key: .character("n"))
        SnapshotAssert.checkWithStyles(render(state), named: "data-\(size[0])x\(size[1])")
    }

    @Test func dataScreenLabelsPane() {
        var state = SampleData.state(width: 80, height: 24)
        for key: Key in [.tab, .pageDown, .down] { _ = WorkbenchReducer.reduce(&state, key: key) }
        SnapshotAssert.checkWithStyles(render(state), named: "data-labels-80x24")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func trainScreenIdle(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1])
        _ = WorkbenchReducer.reduce(&state, key: .character("2"))
        SnapshotAssert.checkWithStyles(render(state), named: "train-idle-\(size[0])x\(size[1])")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func trainScreenRunning(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1])
        _ = WorkbenchReducer.reduce(&state, key: .character("2"))
        _ = WorkbenchReducer.reduce(&state, key: .character("s"))
        var progress = TrainingSnapshot(phase: .training, clusteringFraction: 1, clusteringSeconds: 0.12,
                                        treeShape: [1, 4, 20],
                                        levels: [.init(level: 1, nodesDone: 1, nodesTotal: 1, seconds: 0.05, weightsKept: 96),
                                                 .init(level: 2, nodesDone: 1, nodesTotal: 4, seconds: 0.12, weightsKept: 120)],
                                        elapsedSeconds: 0.3)
        progress.steps = Fixtures.steps([(.engine(.representation), 0.03), (.engine(.clustering), 0.09),
                                         (.engine(.matcher("linear")), 0.01), (.engine(.level(1)), 0.05),
                                         (.engine(.level(2)), 0.12)], running: true)
        // Level 2 ran 0.12 s for 1 of its 4 nodes: 0.36 s left.
        #expect(abs((progress.estimatedRemainingSeconds ?? 0) - 0.36) < 1e-9)
        _ = WorkbenchReducer.apply(&state, event: .trainingProgressed(progress))
        SnapshotAssert.checkWithStyles(render(state), named: "train-running-\(size[0])x\(size[1])")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func trainScreenFinished(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1], trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("2"))
        SnapshotAssert.checkWithStyles(render(state), named: "train-finished-\(size[0])x\(size[1])")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func treeScreen(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1], trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("3"))
        _ = WorkbenchReducer.reduce(&state, key: .down)
        _ = WorkbenchReducer.reduce(&state, key: .enter)
        SnapshotAssert.checkWithStyles(render(state), named: "tree-\(size[0])x\(size[1])")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func queryScreen(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1], trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("4"))
        _ = WorkbenchReducer.reduce(&state, key: .character("n"))
        _ = WorkbenchReducer.apply(&state, event: .queryAnswered(Fixtures.queryResult()))
        SnapshotAssert.checkWithStyles(render(state), named: "query-\(size[0])x\(size[1])")
    }

    @Test(arguments: sizes.map { [$0.0, $0.1] })
    func runsScreen(size: [Int]) {
        var state = Fixtures.state(width: size[0], height: size[1], trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("5"))
        SnapshotAssert.checkWithStyles(render(state), named: "runs-\(size[0])x\(size[1])")
    }

    @Test func helpOverlay() {
        var state = Fixtures.state()
        _ = WorkbenchReducer.reduce(&state, key: .character("?"))
        SnapshotAssert.checkWithStyles(render(state), named: "help-80x24")
    }

    @Test func tooSmall() {
        var state = Fixtures.state()
        _ = WorkbenchReducer.reduce(&state, key: .resize(width: 60, height: 20))
        let text = render(state).renderedText()
        #expect(text.contains("Enlarge the window (need 80×24, have 60×20)"))
    }
}
