import ArgumentParser
import Foundation
import XMR

/// `xmr tree --model DIR`: the label tree as an outline with node sizes and top labels.
struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree", abstract: "Print a model's label tree as an outline.")

    @Option(help: "The model folder.") var model: String
    @Option(name: .customLong("depth-limit"), help: "Print levels down to this one (default: every cluster level).") var depthLimit: Int?
    @Option(name: .customLong("top-labels"), help: "Most frequent labels listed per node.") var topLabels = 3
    @Option(help: "A dataset folder whose feature_names.txt names each node's top features (a model trained on raw text names them itself).") var dataset: String?
    @Option(name: .customLong("top-features"), help: "Features with the largest weights listed per node (with --dataset or a model trained on raw text).") var topFeatures = 3
    @Flag(help: "Print the tree as one JSON object on stdout (nodes nested down to the depth limit).") var json = false

    func validate() throws {
        if let depthLimit, depthLimit < 0 { throw ValidationError("--depth-limit must be 0 or more") }
        if topLabels < 0 { throw ValidationError("--top-labels must be 0 or more") }
    }

    func run() throws {
        try CLIError.run {
            let trained = try TrainedModel.load(from: URL(fileURLWithPath: model))
            let loaded = trained.model
            let limit = min(depthLimit ?? max(1, loaded.depth - 1), loaded.depth)
            let sizes = (0...loaded.depth).map { loaded.tree.nodeCount(atLevel: $0) }
            // A model that vectorizes raw text carries its own feature names: its vocabulary.
            var featureNames = trained.textFeatureNames
            if let dataset, !trained.readsText { featureNames = try DatasetFeatures.load(dataset).featureNames }
            if json {
                try JSONPrinting.print(TreeReport(model: loaded, limit: limit, topLabels: topLabels, featureNames: featureNames,
                                                  topFeatures: featureNames == nil ? 0 : topFeatures))
                return
            }
            print("tree: \(loaded.labelCount) labels, depth \(loaded.depth), nodes per level \(sizes.map(String.init).joined(separator: " → "))")
            let outline = TreeOutline(model: loaded, topLabels: topLabels, featureNames: featureNames,
                                      topFeatures: featureNames == nil ? 0 : topFeatures)
            outline.print(node: 0, level: 0, limit: limit, indent: "")
        }
    }
}

/// Walks a model's tree and prints one line per node.
struct TreeOutline {
    var model: XRLinearModel
    var topLabels: Int
    var featureNames: [String]?
    var topFeatures: Int

    func features(node: Int, level: Int) -> String {
        guard topFeatures > 0, let names = featureNames else { return "" }
        let top = model.topFeatures(ofNode: node, atLevel: level, count: topFeatures)
        guard !top.isEmpty else { return "" }
        return "  words: " + top.map { $0.feature < names.count ? names[$0.feature] : "#\($0.feature)" }.joined(separator: ", ")
    }

    func summary(node: Int, level: Int) -> String {
        let labels = model.tree.labels(underNode: node, atLevel: level)
        if level == model.depth {
            return model.labelName(node) + (model.labelFrequencies.map { "  (\($0[node]) points)" } ?? "") + features(node: node, level: level)
        }
        var line = "node \(node): \(labels.count) label\(labels.count == 1 ? "" : "s")"
        guard topLabels > 0 else { return line + features(node: node, level: level) }
        let frequencies = model.labelFrequencies
        let top = labels.sorted { a, b in
            let fa = frequencies?[a] ?? 0, fb = frequencies?[b] ?? 0
            return fa != fb ? fa > fb : a < b
        }.prefix(topLabels)
        line += "  top: " + top.map { model.labelName($0) }.joined(separator: ", ")
        return line + features(node: node, level: level)
    }

    func print(node: Int, level: Int, limit: Int, indent: String) {
        if level > 0 { Swift.print(indent + summary(node: node, level: level)) }
        guard level < limit else { return }
        for child in model.tree.children(ofNode: node, atLevel: level) {
            print(node: Int(child), level: level + 1, limit: limit, indent: level > 0 ? indent + "  " : indent)
        }
    }
}
