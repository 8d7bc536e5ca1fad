import Foundation
import Testing
@testable import XMR

/// Issue 19, item 4: new labels without retraining (`LabelAdder`, `LabelPlacement`, `NewLabels`).
@Suite("Adding labels")
struct LabelAdditionTests {
    /// `labels` with the columns from `count` on removed (and `count` columns).
    static func firstColumns(_ count: Int, of labels: CSRMatrix) -> CSRMatrix {
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for i in 0..<labels.rows {
            for p in labels.range(ofRow: i) where Int(labels.columnIndices[p]) < count {
                triplets.append((i, Int(labels.columnIndices[p]), 1))
            }
        }
        return CSRMatrix(rows: labels.rows, cols: count, triplets: triplets)
    }

    /// A model trained on labels 0..<20 of a 24-label synthetic problem, and the problem
    /// (training rows 0..<320, test rows 320..<400).
    static func baseModel(matcher: MatcherAlgorithm = .linear) throws -> (model: TrainedModel, x: CSRMatrix, y: CSRMatrix) {
        let (x, y) = SyntheticData.problem(points: 400, labels: 24, seed: 3)
        var pipeline = Pipeline()
        pipeline.indexer.maxLeafSize = 4
        pipeline.indexer.branching = 2
        pipeline.matcher.algorithm = matcher
        pipeline.threads = 2
        let train = Array(0..<320)
        let model = try PipelineTrainer(pipeline).train(features: x.selectingRows(train),
                                                        labels: firstColumns(20, of: y.selectingRows(train)),
                                                        labelNames: (0..<20).map { "label \($0)" })
        return (model, x, y)
    }

    /// Of the new labels (ids from 20 on) of the test points, how many `model` ranks in their top 5,
    /// and how many there are.
    static func newLabelsInTopFive(_ model: TrainedModel, x: CSRMatrix, y: CSRMatrix) throws -> (found: Int, total: Int) {
        var found = 0, total = 0
        for i in 320..<400 {
            let truth = Set(y.range(ofRow: i).map { Int(y.columnIndices[$0]) }.filter { $0 >= 20 })
            let top = try model.predict(Query(features: x.row(i)), topK: 5).map(\.label)
            found += truth.filter(top.contains).count
            total += truth.count
        }
        return (found, total)
    }

    /// `model` saved as `m` in `folder` and loaded back (memory-mapped: keep the folder while it is used).
    static func savedAndLoaded(_ model: TrainedModel, in folder: TemporaryFolder) throws -> TrainedModel {
        let url = folder.url.appendingPathComponent("m")
        try model.save(to: url)
        return try TrainedModel.load(from: url)
    }

    /// The training points that have a label from 20 on, with all their labels.
    static func newLabels(x: CSRMatrix, y: CSRMatrix, names: Bool = true) throws -> NewLabels {
        let rows = (0..<320).filter { i in y.range(ofRow: i).contains { y.columnIndices[$0] >= 20 } }
        return try NewLabels(features: x.selectingRows(rows), labels: y.selectingRows(rows),
                             labelNames: names ? (0..<24).map { "label \($0)" } : nil, firstNewLabel: 20)
    }

    @Test("Reading a level's node weights and rebuilding the level gives the same level")
    func nodeWeightsRoundTrip() throws {
        let (model, _, _) = try Self.baseModel()
        for t in 1...model.tree.depth {
            let level = model.model.levels[t - 1]
            let rebuilt = try LevelWeights(childWeights: level.nodeWeights(tree: model.tree, level: t), tree: model.tree,
                                           level: t, dimension: level.dimension)
            #expect(rebuilt == level, "level \(t)")
        }
    }

    @Test("A solve from a prior that already separates its rows keeps the prior; without it the weights differ")
    func solverPrior() {
        let x = CSRMatrix(rows: 4, cols: 3, triplets: [(0, 0, 1), (1, 0, 0.9), (2, 1, 1), (3, 2, 1)])
        let prior = SparseVector(dimension: 4, indices: [0, 1, 2, 3], values: [3, -3, -3, 0.5])
        let solver = LinearSolver(featureCount: 3, parameters: LinearSolverParameters())
        let packed = PackedRows(x)
        let rows: [Int32] = [0, 1, 2, 3], positive = [true, true, false, false]
        let solve = { (prior: SparseVector?) in
            rows.withUnsafeBufferPointer { rp in solver.solve(packed, rows: rp, isPositive: { positive[$0] }, seed: 1, prior: prior) }
        }
        #expect(solve(prior).weights == prior, "every row is beyond the margin: nothing moves")
        let fresh = solve(nil).weights
        #expect(fresh != prior && fresh.nonzeros > 0)
        #expect(solve(prior).weights == prior, "the prior's entries were cleared after the previous solve")
        let pulled = SparseVector(dimension: 4, indices: [0, 1, 2, 3], values: [0.2, -3, -3, 0.5])
        let moved = solve(pulled).weights
        #expect(moved != pulled && moved.values[0] > 0.2, "a row inside the margin pulls its weight up")
    }

    @Test("A new label goes to its nearest cluster, or to a new leaf beside it when that one is full")
    func placement() {
        // root → clusters 0 (labels 0, 1, 2) and 1 (labels 3, 4).
        let tree = LabelTree(parents: [[0, 0], [0, 0, 0, 1, 1]])
        let placed = LabelPlacement(tree, nearest: [0, 0, 1, 1], capacity: 3, branching: 3)
        #expect(placed.clusters == [2, 2, 1, 1],
                "cluster 0 is full: its overflow is the new cluster 2; then cluster 1 is full and the root has 3 children")
        #expect(placed.inNewCluster == [true, true, false, false])
        #expect(placed.newNodes == [.init(level: 1, node: 2, origin: 0)])
        #expect(placed.tree.parents == [[0, 0, 0], [0, 0, 0, 1, 1, 2, 2, 1, 1]])
        #expect(placed.overCapacity == 1)

        // The root is full too: the label goes over capacity into its nearest cluster.
        let full = LabelPlacement(tree, nearest: [0], capacity: 3, branching: 2)
        #expect(full.clusters == [0] && full.overCapacity == 1 && full.newNodes.isEmpty)

        // root → node 0 → clusters 0 and 1 (two labels each): node 0 is full, so a chain starts at the root.
        let deep = LabelTree(parents: [[0], [0, 0], [0, 0, 1, 1]])
        let chained = LabelPlacement(deep, nearest: [1], capacity: 2, branching: 2)
        #expect(chained.newNodes == [.init(level: 1, node: 1, origin: 0), .init(level: 2, node: 2, origin: 1)])
        #expect(chained.tree.parents == [[0, 0], [0, 0, 1], [0, 0, 1, 1, 2]] && chained.clusters == [2])
    }

    @Test("A retrained node is a copy: the new labels and nodes go under it, the original keeps its children")
    func nodeCopies() {
        // root → level-1 nodes 0, 1 → leaves 0, 1 (under 0) and 2, 3 (under 1) → two labels each.
        let original = LabelTree(parents: [[0, 0], [0, 0, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3]])
        // Label 8 joins leaf 1; label 9 goes into a new leaf 4 under node 1.
        let placed = LabelTree(parents: [[0, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3, 1, 4]])
        let copies = NodeCopies(placed: placed, original: original, retrained: [[], [0, 1], [1], []])
        #expect(copies.copies[1] == [0: 2, 1: 3] && copies.copies[2] == [1: 5])
        #expect(copies.tree.parents == [[0, 0, 0, 0], [0, 0, 1, 1, 3, 2], [0, 0, 1, 1, 2, 2, 3, 3, 5, 4]],
                "leaf 4 moves under node 1's copy 3; leaf 1's copy 5 hangs under node 0's copy 2 and takes label 8")
        #expect(copies.home(of: 1, level: 2) == 5 && copies.home(of: 3, level: 2) == 3)
        #expect(copies.copies[2].values.contains(5) && !copies.copies[2].values.contains(4), "5 is a copy, the new leaf 4 is not")
    }

    @Test("Added labels are ranked for the points that have them; every old weight and old label's score stays")
    func addLabels() throws {
        let (base, x, y) = try Self.baseModel()
        let input = try Self.newLabels(x: x, y: y)
        let (added, report) = try LabelAdder(threads: 2).add(input, to: base)
        #expect(added.model.labelCount == 24 && report.labels.map(\.label) == [20, 21, 22, 23])
        #expect(added.model.labelNames?[20...] == ["label 20", "label 21", "label 22", "label 23"])
        #expect(report.labels.allSatisfy { $0.positives > 0 && $0.negatives > 0 })
        let frequencies = try #require(added.model.labelFrequencies)
        #expect(frequencies[..<20] == base.model.labelFrequencies![...])
        for t in 1...base.tree.depth {
            let before = try base.model.levels[t - 1].nodeWeights(tree: base.tree, level: t)
            let after = try added.model.levels[t - 1].nodeWeights(tree: added.tree, level: t)
            #expect(Array(after.prefix(before.count)) == before, "level \(t): every existing node keeps its weights")
            for node in before.indices where t < base.tree.depth {
                #expect(added.tree.children(ofNode: node, atLevel: t).filter { $0 < base.tree.nodeCount(atLevel: t + 1) } ==
                        base.tree.children(ofNode: node, atLevel: t), "level \(t) node \(node) keeps its children")
            }
        }
        let copied = report.nodes.filter { !$0.isNew }
        #expect(!copied.isEmpty, "the new labels' points are new positives somewhere on their paths")
        for node in copied {
            let original = try #require(node.copyOf)
            #expect(node.node >= base.tree.nodeCount(atLevel: node.level) && original < base.tree.nodeCount(atLevel: node.level))
        }
        // With a beam that keeps every node, every old label scores as before.
        let everyNode = (1..<added.tree.depth).map { added.tree.nodeCount(atLevel: $0) }.max() ?? 1
        for i in 320..<400 {
            let old = try base.predict(Query(features: x.row(i)), beamWidth: everyNode, topK: 20)
            let new = try added.predict(Query(features: x.row(i)), beamWidth: everyNode, topK: 24).filter { $0.label < 20 }
            #expect(new == old, "point \(i)")
        }

        // On test points with a new label, most of those labels are in the top 5.
        let (found, total) = try Self.newLabelsInTopFive(added, x: x, y: y)
        #expect(total > 0 && Double(found) / Double(total) >= 0.7, "new labels' recall at 5: \(found) of \(total)")

        // The new version saves and loads like any model.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loaded = try Self.savedAndLoaded(added, in: folder)
        #expect(loaded.model.levels == added.model.levels && loaded.tree == added.tree)
    }

    @Test("The refitted bias minimizes the objective with each row counted as often as it stands for")
    func sampledNegativesBias() {
        // Margins 0 for a positive and a negative, B = 1, C = 1: ½b² + (1 − b)² + cost·(1 + b)²
        // has its minimum at b = 0 with cost 1 and at b = −4/9 with cost 3.
        let parameters = LinearSolverParameters(kind: .svm, c: 1, bias: 1)
        let even = SampledNegativesBias(margins: [0, 0], signs: [1, -1], costs: [1, 1])
        let weighted = SampledNegativesBias(margins: [0, 0], signs: [1, -1], costs: [1, 3])
        #expect(abs(even.fittedBias(from: 0.5, parameters: parameters)) < 1e-5)
        #expect(abs(weighted.fittedBias(from: 0.5, parameters: parameters) + 4.0 / 9) < 1e-5)
        // Logistic loss: the derivative vanishes at the fit, and more weight on negatives lowers it.
        let logistic = LinearSolverParameters(kind: .logistic, c: 1, bias: 1)
        let b1 = even.fittedBias(from: 0, parameters: logistic), b3 = weighted.fittedBias(from: 0, parameters: logistic)
        #expect(abs(weighted.derivative(b3, parameters: logistic)) < 1e-4 && b3 < b1 - 0.1)
        // No bias feature: the weights are left as they are.
        let none = LinearSolverParameters(kind: .svm, c: 1, bias: 0)
        #expect(weighted.fittedBias(from: 0.25, parameters: none) == 0.25)
    }

    @Test("The fitted bias zeroes the objective's derivative on many rows, for both losses, from any start")
    func sampledNegativesBiasManyRows() {
        var generator = ShuffleGenerator(seed: 7)
        let count = 500
        let margins = (0..<count).map { _ in Double(generator.next() % 2001) / 500 - 2 }
        let signs: [Double] = (0..<count).map { $0 % 5 == 0 ? 1 : -1 }
        let costs: [Double] = signs.map { $0 > 0 ? 1 : 4 }
        let fit = SampledNegativesBias(margins: margins, signs: signs, costs: costs)
        for kind in [LinearSolverKind.svm, .logistic] {
            let parameters = LinearSolverParameters(kind: kind, c: 1, bias: 1)
            for start in [-30.0, 0, 0.5, 25] {
                let b = fit.fittedBias(from: start, parameters: parameters)
                let slope = fit.derivative(b, parameters: parameters)
                #expect(abs(slope) < 1e-6 * Double(count), "\(kind) from \(start): b \(b), derivative \(slope)")
                // It is the minimum: the derivative changes sign around it.
                #expect(fit.derivative(b - 1e-3, parameters: parameters) < 0 && fit.derivative(b + 1e-3, parameters: parameters) > 0)
            }
        }
    }

    @Test("The new labels' PIFA vectors are those of training's PIFA over every label; the old labels' rows are empty")
    func newLabelVectors() throws {
        let (_, x, y) = try Self.baseModel()
        let input = try Self.newLabels(x: x, y: y)
        let features = input.features.l2NormalizedRows()
        let every = try LabelRepresentation.pifa.labelVectors(features: features, labels: input.labels, threads: 2)
        let vectors = try input.newLabelVectors(features: features, threads: 2)
        #expect(vectors.rows == 24 && vectors.cols == every.cols)
        for label in 0..<24 {
            let row = vectors.range(ofRow: label), expected = every.range(ofRow: label)
            if label < 20 {
                #expect(row.isEmpty, "label \(label)")
            } else {
                #expect(row.map { vectors.columnIndices[$0] } == expected.map { every.columnIndices[$0] }
                        && zip(row, expected).allSatisfy { abs(vectors.values[$0] - every.values[$1]) <= 1e-6 },
                        "label \(label)")
            }
        }
    }

    @Test("A beam as wide as every cluster level keeps every node: the shortcut gives what the search records")
    func everyNodeBeam() throws {
        let (base, x, _) = try Self.baseModel()
        let tree = base.tree
        let widest = (1..<tree.depth).map { tree.nodeCount(atLevel: $0) }.max() ?? 1
        #expect(LabelAdder.everyNodeBeam(tree, beamWidth: widest - 1) == nil)
        let every = try #require(LabelAdder.everyNodeBeam(tree, beamWidth: widest))
        let recording = BeamRecording(count: x.rows)
        _ = try base.matcher.matchBatch(QueryBatch(features: x), beamWidth: widest, threads: 2, recorded: recording)
        for (i, beams) in recording.beams().enumerated() {
            #expect(beams.map { $0.sorted() } == every, "point \(i)")
        }
        #expect(try LabelAdder.matcherBeams(base, features: x, beamWidth: widest, threads: 2) == Array(repeating: every, count: x.rows))
    }

    @Test("The solver tolerance applies when looser than the model's: a tighter one changes nothing, a looser one stops sooner")
    func tolerance() throws {
        let (base, x, y) = try Self.baseModel()
        let input = try Self.newLabels(x: x, y: y)
        let modelEps = base.model.parameters.ranker.eps
        let atModel = try LabelAdder(threads: 2, tolerance: modelEps).add(input, to: base).model
        let tighter = try LabelAdder(threads: 2, tolerance: modelEps / 10).add(input, to: base).model
        #expect(tighter.model.levels == atModel.model.levels, "the model's own eps is the tightest used")
        let loose = try LabelAdder(threads: 2, tolerance: 10 * modelEps).add(input, to: base).model
        #expect(loose.tree == atModel.tree && loose.model.levels != atModel.model.levels, "a looser tolerance stops elsewhere")
        let (found, total) = try Self.newLabelsInTopFive(loose, x: x, y: y)
        #expect(total > 0 && Double(found) / Double(total) >= 0.7, "new labels' recall at 5: \(found) of \(total)")
        #expect(throws: XRLinearError.self) { try LabelAdder(tolerance: 0).add(input, to: base) }
        #expect(throws: XRLinearError.self) { try LabelAdder(tolerance: .infinity).add(input, to: base) }
    }

    @Test("With a sample of other points and its fraction, the new labels' biases drop and they intrude less on points without them")
    func sampledNegatives() throws {
        let (base, x, y) = try Self.baseModel()
        let hasNew = { (i: Int) in y.range(ofRow: i).contains { y.columnIndices[$0] >= 20 } }
        let others = (0..<320).filter { !hasNew($0) }
        let rows = ((0..<320).filter(hasNew) + others.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)).sorted()
        let input = try NewLabels(features: x.selectingRows(rows), labels: y.selectingRows(rows),
                                  labelNames: (0..<24).map { "label \($0)" }, firstNewLabel: 20)
        let fraction = Double(rows.count - (0..<320).filter(hasNew).count) / Double(others.count)
        let plain = try LabelAdder(threads: 2).add(input, to: base).model
        let weighted = try LabelAdder(threads: 2, sampleFraction: fraction).add(input, to: base).model
        // Same tree and same weights except the new labels' biases, each lower.
        #expect(plain.tree == weighted.tree)
        let depth = base.tree.depth
        let plainRankers = try plain.model.levels[depth - 1].nodeWeights(tree: plain.tree, level: depth)
        let weightedRankers = try weighted.model.levels[depth - 1].nodeWeights(tree: weighted.tree, level: depth)
        #expect(plainRankers[..<20] == weightedRankers[..<20], "old labels' rankers are untouched")
        let biasIndex = Int32(base.model.featureCount)
        func bias(_ w: SparseVector) -> Float { zip(w.indices, w.values).first { $0.0 == biasIndex }?.1 ?? 0 }
        for label in 20..<24 {
            #expect(bias(weightedRankers[label]) < bias(plainRankers[label]), "label \(label)'s bias drops")
            let rest = { (w: SparseVector) in zip(w.indices, w.values).filter { $0.0 != biasIndex }.map { "\($0.0):\($0.1)" } }
            #expect(rest(weightedRankers[label]) == rest(plainRankers[label]), "label \(label)'s other weights stay")
        }
        // On test points without a new label, fewer new labels reach the top 5; the new labels are still found.
        func intrusions(_ model: TrainedModel) throws -> Int {
            try (320..<400).filter { !hasNew($0) }.reduce(0) { count, i in
                count + (try model.predict(Query(features: x.row(i)), topK: 5)).filter { $0.label >= 20 }.count
            }
        }
        let (plainIn, weightedIn) = (try intrusions(plain), try intrusions(weighted))
        #expect(weightedIn < plainIn, "new labels in the top 5 of points without one: \(weightedIn) against \(plainIn)")
        let (found, total) = try Self.newLabelsInTopFive(weighted, x: x, y: y)
        #expect(total > 0 && Double(found) / Double(total) >= 0.5, "new labels' recall at 5: \(found) of \(total)")
        #expect(throws: XRLinearError.self) { try LabelAdder(sampleFraction: 0).add(input, to: base) }
        #expect(throws: XRLinearError.self) { try LabelAdder(sampleFraction: 1.5).add(input, to: base) }
    }

    @Test("An hnsw model takes new labels: copies of their clusters join the rebuilt index, old labels score as before")
    func addLabelsWithHNSW() throws {
        let (base, x, y) = try Self.baseModel(matcher: .hnsw)
        let (added, report) = try LabelAdder(threads: 2).add(try Self.newLabels(x: x, y: y), to: base)
        let level = added.tree.depth - 1
        let matcher = try #require(added.matcher as? HNSWMatcher)
        let index = try #require(matcher.index)
        #expect(index.count == added.tree.nodeCount(atLevel: level) && matcher.tree == added.tree)
        let oldClusters = base.tree.nodeCount(atLevel: level)
        #expect(report.nodes.isEmpty, "no weights above the labels")
        #expect(report.labels.allSatisfy { $0.cluster >= oldClusters && ($0.inCopy || $0.newCluster) },
                "every new label is in a cluster of new labels: \(report.labels.map(\.cluster))")
        for cluster in 0..<oldClusters {
            #expect(added.tree.children(ofNode: cluster, atLevel: level) == base.tree.children(ofNode: cluster, atLevel: level))
        }
        // The old clusters' vectors are the stored ones.
        let oldRows = try #require((base.matcher as? HNSWMatcher)?.index).sparseRows, newRows = index.sparseRows
        for cluster in 0..<oldClusters {
            let range = Int(oldRows.rowPointers[cluster])..<Int(oldRows.rowPointers[cluster + 1])
            #expect(range == Int(newRows.rowPointers[cluster])..<Int(newRows.rowPointers[cluster + 1])
                    && range.allSatisfy { oldRows.indices[$0] == newRows.indices[$0] && abs(oldRows.values[$0] - newRows.values[$0]) <= 1e-6 },
                    "cluster \(cluster)")
        }
        let everyCluster = added.tree.nodeCount(atLevel: level)
        for i in 320..<400 {
            let old = try base.predict(Query(features: x.row(i)), beamWidth: everyCluster, topK: 20)
            let new = try added.predict(Query(features: x.row(i)), beamWidth: everyCluster, topK: 24)
            let before = Dictionary(uniqueKeysWithValues: old.map { ($0.label, $0.score) })
            let after = Dictionary(uniqueKeysWithValues: new.filter { $0.label < 20 }.map { ($0.label, $0.score) })
            #expect(before.keys.sorted() == after.keys.sorted() && before.allSatisfy { abs($0.value - after[$0.key]!) <= 1e-5 },
                    "point \(i): every old label scores as before")
        }
        let (found, total) = try Self.newLabelsInTopFive(added, x: x, y: y)
        #expect(total > 0 && Double(found) / Double(total) >= 0.5, "new labels' recall at 5: \(found) of \(total)")

        // Saved and loaded, the index file comes back with the new clusters.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loaded = try Self.savedAndLoaded(added, in: folder)
        #expect((loaded.matcher as? HNSWMatcher)?.index?.count == index.count)
        #expect(try loaded.predict(Query(features: x.row(321))) == added.predict(Query(features: x.row(321))))
    }

    /// A dataset of the training points with new labels, as `DatasetLoader` would give it.
    static func dataset(_ input: NewLabels, folder: URL, names: [String]?, features: CSRMatrix? = nil) -> Dataset {
        let x = features ?? input.features
        return Dataset(name: "new", directory: folder, featureCount: x.cols, labelCount: input.labels.cols,
                       train: DatasetSplit(features: x, labels: input.labels), labelNames: names)
    }

    @Test("A dataset from another feature space, or with names or ids that do not match the model's, is refused")
    func badInput() throws {
        let (base, x, y) = try Self.baseModel()
        let input = try Self.newLabels(x: x, y: y)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("train.txt", "")
        let names = (0..<24).map { "label \($0)" }
        func problem(_ dataset: Dataset) -> String {
            do { _ = try NewLabels.read(dataset, for: base); return "accepted" } catch { return "\(error)" }
        }
        let train = folder.url.appendingPathComponent("train.txt").path
        let narrow = CSRMatrix(rows: input.features.rows, cols: 50)
        #expect(problem(Self.dataset(input, folder: folder.url, names: names, features: narrow))
                == "\(train): has 50 features but the model has 106: another feature space (the model is unchanged)")
        var renamed = names
        renamed[2] = "label two"
        #expect(problem(Self.dataset(input, folder: folder.url, names: renamed)).hasPrefix(
            "\(folder.url.path)/label_names.txt:3: names label 2 'label two', but the model's label 2 is 'label 2'"))
        renamed = names
        renamed[22] = "label 5"
        #expect(problem(Self.dataset(input, folder: folder.url, names: renamed))
                == "\(folder.url.path)/label_names.txt:23: new label 22 is named 'label 5', which already names label 5")
        #expect(problem(Self.dataset(input, folder: folder.url, names: nil)).hasPrefix(
            "\(folder.url.path)/label_names.txt: missing: the model names its labels"))
        let old = try NewLabels(features: input.features, labels: Self.firstColumns(20, of: input.labels), labelNames: nil,
                                firstNewLabel: 19)
        #expect(problem(Self.dataset(old, folder: folder.url, names: Array(names[..<20]))).hasPrefix(
            "\(train):1: declares 20 labels and the model has 20"))
        var wider = input
        wider.labels.cols = 25
        #expect(problem(Self.dataset(wider, folder: folder.url, names: names + ["label 24"]))
                == "\(train): new label 24 (label 24) has no training point; every new label needs at least one")
        #expect(problem(Self.dataset(input, folder: folder.url, names: names)) == "accepted")
    }
}
