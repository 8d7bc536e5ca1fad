import Foundation
import XMR
@testable import WorkbenchCore

/// Small deterministic datasets, trees and results for tests that must not depend on the engine.
enum Fixtures {
    static let labelNames = [
        "role::program", "interface::commandline", "use::editing", "works-with::text", "devel::lang:python",
        "implemented-in::c", "scope::utility", "network::client", "protocol::http", "use::downloading",
        "x11::application", "uitoolkit::gtk", "game::arcade", "use::gameplaying", "sound::player",
        "works-with::audio", "admin::backup", "security::cryptography", "works-with-format::jpg", "field::biology",
    ]
    static let words = [
        "tool", "editor", "text", "python", "library", "network", "client", "http", "download", "window",
        "gtk", "game", "arcade", "sound", "music", "audio", "backup", "archive", "encrypt", "image",
        "photo", "viewer", "dna", "sequence", "command", "shell", "fast", "small", "utility", "files",
    ]

    /// A tiny linear congruential generator so fixtures are the same on every machine.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// A dataset of `train` + `test` points over 20 named labels and 30 named features, with texts.
    static func dataset(train: Int = 60, test: Int = 15) -> Dataset {
        var generator = Generator(state: 7)
        func split(_ count: Int) -> DatasetSplit {
            var labelTriplets: [(row: Int, col: Int, value: Float)] = []
            var featureTriplets: [(row: Int, col: Int, value: Float)] = []
            var texts: [String] = []
            for row in 0..<count {
                // Skewed label choice: low ids are frequent (a long tail).
                var labels = Set<Int>()
                let labelCount = 1 + generator.next(3)
                while labels.count < labelCount {
                    let a = generator.next(20), b = generator.next(20)
                    labels.insert(min(a, b, generator.next(20) + (row % 3 == 0 ? 0 : 5)) % 19)
                }
                var textWords: [String] = []
                var features: [Int: Float] = [:]
                for label in labels.sorted() {
                    labelTriplets.append((row, label, 1))
                    let w1 = (label * 3) % 30, w2 = (label * 7 + 1) % 30
                    features[w1, default: 0] += 1
                    features[w2, default: 0] += 0.5
                    textWords += [words[w1], words[w2]]
                }
                let extra = generator.next(30)
                features[extra, default: 0] += 0.25
                textWords.append(words[extra])
                for (col, value) in features { featureTriplets.append((row, col, value)) }
                texts.append("Package \(row): a " + textWords.joined(separator: " ") + " for everyday work.")
            }
            return DatasetSplit(features: CSRMatrix(rows: count, cols: 30, triplets: featureTriplets),
                                labels: CSRMatrix(rows: count, cols: 20, triplets: labelTriplets), texts: texts)
        }
        return Dataset(name: "fixture-tags", featureCount: 30, labelCount: 20, train: split(train),
                       test: split(test), labelNames: labelNames, featureNames: words)
    }

    /// A hand-built tree: root → 4 clusters → 20 labels (5 per cluster).
    static func tree() -> LabelTree {
        LabelTree(parents: [[0, 0, 0, 0], (0..<20).map { Int32($0 / 5) }])
    }

    static func overview() -> DatasetOverview { DatasetOverview(dataset: dataset()) }

    static func treeOverview(_ data: DatasetOverview = overview()) -> TreeOverview {
        TreeOverview(tree: tree(), dataset: data.dataset, labelFrequencies: data.labelFrequencies)
    }

    /// A finished training with fixed times, so snapshots never depend on the clock.
    static func finishedProgress() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot(phase: .finished, clusteringFraction: 1, clusteringSeconds: 0.12, treeShape: [1, 4, 20],
                                        levels: [
                                            .init(level: 1, nodesDone: 1, nodesTotal: 1, seconds: 0.05, weightsKept: 96),
                                            .init(level: 2, nodesDone: 4, nodesTotal: 4, seconds: 0.21, weightsKept: 412),
                                        ], elapsedSeconds: 0.4)
        snapshot.steps = steps([(.engine(.representation), 0.02), (.engine(.clustering), 0.1), (.engine(.matcher("linear")), 0.01),
                                (.engine(.level(1)), 0.05), (.engine(.level(2)), 0.21), (.evaluation, 0.01)])
        return snapshot
    }

    /// Steps one after the other, each taking its seconds (the last one still running when `running`).
    static func steps(_ times: [(TrainingStep, Double)], running: Bool = false) -> [TrainingSnapshot.StepTime] {
        var start = 0.0
        return times.enumerated().map { i, item in
            defer { start += item.1 }
            return .init(step: item.0, start: start, end: running && i == times.count - 1 ? nil : start + item.1)
        }
    }

    static func summary() -> TrainingSummary {
        TrainingSummary(precisionAt1: 0.8, precisionAt3: 0.5333, precisionAt5: 0.4, recallAt5: 0.9167,
                        evaluatedPoints: 15, evaluatedOnTest: true, trainingSeconds: 0.38, modelBytes: 6_144,
                        weightCount: 508, treeShape: [1, 4, 20])
    }

    /// A state with the fixture dataset loaded (and, with `trained`, a finished run and its tree).
    static func state(width: Int = 80, height: Int = 24, trained: Bool = false) -> WorkbenchState {
        var state = WorkbenchState(width: width, height: height, sessionName: "test")
        let data = overview()
        _ = WorkbenchReducer.apply(&state, event: .datasetLoaded(data))
        if trained {
            _ = WorkbenchReducer.reduce(&state, key: .character("2"))
            _ = WorkbenchReducer.reduce(&state, key: .character("s"))
            _ = WorkbenchReducer.apply(&state, event: .trainingFinished(finishedProgress(), summary(), treeOverview(data)))
            state.message = nil
            state.screen = .data
        }
        return state
    }

    /// A query answer for test point 1 with one true label lost at level 1.
    static func queryResult(beamWidth: Int = 2) -> QueryResult {
        let request = QueryRequest(input: .testPoint(0), beamWidth: beamWidth, topK: 5)
        return QueryResult(
            request: request, text: "Package 0: a tool editor text library for everyday work.",
            ranked: [
                .init(label: 0, name: "role::program", score: 0.912, isTrue: true),
                .init(label: 2, name: "use::editing", score: 0.644, isTrue: true),
                .init(label: 3, name: "works-with::text", score: 0.311, isTrue: false),
                .init(label: 1, name: "interface::commandline", score: 0.208, isTrue: false),
                .init(label: 6, name: "scope::utility", score: 0.0004, isTrue: false),
            ],
            levels: [
                .init(level: 1, candidates: 4, kept: [.init(node: 0, score: 0.95, name: "role::program"),
                                                      .init(node: 1, score: 0.41, name: "scope::utility")]),
                .init(level: 2, candidates: 10, kept: [.init(node: 0, score: 0.912, name: "role::program"),
                                                       .init(node: 2, score: 0.644, name: "use::editing"),
                                                       .init(node: 3, score: 0.311, name: "works-with::text"),
                                                       .init(node: 1, score: 0.208, name: "interface::commandline"),
                                                       .init(node: 6, score: 0.0004, name: "scope::utility")]),
            ],
            trueLabels: [
                .init(label: 0, name: "role::program", exitLevel: nil, rank: 1),
                .init(label: 2, name: "use::editing", exitLevel: nil, rank: 2),
                .init(label: 12, name: "game::arcade", exitLevel: 1, rank: nil),
            ])
    }
}
