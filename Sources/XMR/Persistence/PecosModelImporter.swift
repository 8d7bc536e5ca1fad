import Foundation

/// Reads a model folder written by libpecos `XLinearModel.save` into an `XRLinearModel`.
///
/// The folder holds `ranker/param.json` (depth, features, labels) and per level
/// `ranker/{t}.model/` with `param.json` (bias, post-processor), `W.npz` (the level's weights,
/// features + bias × nodes, scipy CSC) and `C.npz` (nodes × parent nodes, one 1 per row).
/// libpecos does not normalize queries itself, so the imported model does not either; fed the
/// same feature rows, it ranks exactly as libpecos does.
public enum PecosModelImporter {
    private struct RankerParameters: Decodable {
        var depth: Int
        var nr_features: Int
        var nr_labels: Int
    }

    private struct LevelParameters: Decodable {
        struct PredictionParameters: Decodable {
            var only_topk: Int?
            var post_processor: String?
        }
        var nr_labels: Int
        var nr_features: Int
        var nr_codes: Int
        var bias: Double
        var pred_kwargs: PredictionParameters?
    }

    /// Imports the libpecos XR-Linear model in `directory` (the folder given to `XLinearModel.save`).
    public static func importModel(from directory: URL, labelNames: [String]? = nil) throws -> XRLinearModel {
        var ranker = directory.appendingPathComponent("ranker")
        if !FileManager.default.fileExists(atPath: ranker.appendingPathComponent("param.json").path) { ranker = directory }
        let top: RankerParameters = try decodeJSON(ranker.appendingPathComponent("param.json"))
        guard top.depth >= 1, top.depth <= 64, top.nr_features >= 0, top.nr_labels >= 1 else {
            throw XRLinearError.invalidModelFile(file: ranker.appendingPathComponent("param.json").path, message: "implausible depth or shapes")
        }
        var parents: [[Int32]] = []
        var nodeWeights: [[SparseVector]] = []
        var bias: Double?
        var postProcessorName: String?
        var onlyTopK = 20
        var previousCount = 1
        for t in 0..<top.depth {
            let levelDirectory = ranker.appendingPathComponent("\(t).model")
            let parameterFile = levelDirectory.appendingPathComponent("param.json")
            let level: LevelParameters = try decodeJSON(parameterFile)
            func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: parameterFile.path, message: message) }
            guard level.nr_codes == previousCount, level.nr_features == top.nr_features else {
                throw fail("level \(t) has \(level.nr_codes) parents and \(level.nr_features) features; expected \(previousCount) and \(top.nr_features)")
            }
            if let bias, bias != level.bias { throw fail("levels use different bias values") }
            bias = level.bias
            postProcessorName = level.pred_kwargs?.post_processor ?? postProcessorName
            onlyTopK = level.pred_kwargs?.only_topk ?? onlyTopK

            let cPath = levelDirectory.appendingPathComponent("C.npz").path
            let c = try readSparse(cPath)
            guard c.rows == level.nr_labels, c.cols == previousCount else {
                throw XRLinearError.invalidModelFile(file: cPath, message: "shape \(c.rows)×\(c.cols), expected \(level.nr_labels)×\(previousCount)")
            }
            var parentOf = [Int32](repeating: -1, count: c.rows)
            for k in 0..<c.cols {
                for p in c.colPointers[k]..<c.colPointers[k + 1] {
                    let node = Int(c.rowIndices[p])
                    guard parentOf[node] < 0 else { throw XRLinearError.invalidModelFile(file: cPath, message: "node \(node) has two parents") }
                    parentOf[node] = Int32(k)
                }
            }
            guard !parentOf.contains(-1) else { throw XRLinearError.invalidModelFile(file: cPath, message: "a node has no parent") }
            if let k = (0..<c.cols).first(where: { c.colPointers[$0 + 1] - c.colPointers[$0] > LevelWeights.maxChildrenPerNode }) {
                throw XRLinearError.invalidModelFile(file: cPath, message: "parent \(k) has \(c.colPointers[k + 1] - c.colPointers[k]) children; xmr stores at most \(LevelWeights.maxChildrenPerNode) per node")
            }
            parents.append(parentOf)

            let wPath = levelDirectory.appendingPathComponent("W.npz").path
            let w = try readSparse(wPath)
            let expectedRows = top.nr_features + (level.bias > 0 ? 1 : 0)
            guard w.rows == expectedRows, w.cols == level.nr_labels else {
                throw XRLinearError.invalidModelFile(file: wPath, message: "shape \(w.rows)×\(w.cols), expected \(expectedRows)×\(level.nr_labels)")
            }
            guard w.values.count <= LevelWeights.maxNonzeros else {
                throw XRLinearError.invalidModelFile(file: wPath, message: "has \(w.values.count) weights; xmr stores at most \(LevelWeights.maxNonzeros) per level")
            }
            nodeWeights.append((0..<w.cols).map { j in
                let range = w.range(ofColumn: j)
                let pairs = zip(w.rowIndices[range], w.values[range]).filter { $0.1 != 0 }.sorted { $0.0 < $1.0 }
                return SparseVector(dimension: top.nr_features + 1, indices: pairs.map(\.0), values: pairs.map(\.1))
            })
            previousCount = level.nr_labels
        }
        guard previousCount == top.nr_labels else {
            throw XRLinearError.invalidModelFile(file: ranker.appendingPathComponent("param.json").path,
                                                 message: "the last level has \(previousCount) nodes, expected \(top.nr_labels) labels")
        }
        let tree = LabelTree(parents: parents)
        let levels = try nodeWeights.enumerated().map { t, weights in
            do {
                return try LevelWeights(childWeights: weights, tree: tree, level: t + 1, dimension: top.nr_features + 1)
            } catch let error as XRLinearError {
                throw XRLinearError.invalidModelFile(file: ranker.appendingPathComponent("\(t).model").path, message: error.description)
            }
        }
        var parameters = Pipeline()
        parameters.ranker.bias = max(0, bias ?? 1)
        parameters.features.normalizeRows = false
        parameters.features.source = .vectors
        parameters.ranker.topK = max(1, onlyTopK)
        parameters.indexer.branching = min(PipelineParameter.branching.integerRange?.upperBound ?? 1024,
                                           max(2, BeamSearch.maxChildren(of: tree)))
        parameters.indexer.depth = tree.depth
        if let name = postProcessorName {
            guard let processor = PostProcessor(rawValue: name) else {
                throw XRLinearError.invalidModelFile(file: ranker.appendingPathComponent("0.model/param.json").path,
                                                     message: "post-processor \(name) is not supported (\(PipelineParameter.list(PostProcessor.allCases.map(\.rawValue))) are)")
            }
            parameters.postProcessor = processor
        }
        return try XRLinearModel(parameters: parameters, featureCount: top.nr_features, labelCount: top.nr_labels,
                                 tree: tree, levels: levels, labelNames: labelNames)
    }

    private static func decodeJSON<T: Decodable>(_ url: URL) throws -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XRLinearError.invalidModelFile(file: url.path, message: "is missing or unreadable (is this a libpecos XLinearModel folder?)")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw XRLinearError.invalidModelFile(file: url.path, message: "is not a libpecos model parameter file")
        }
    }

    /// A scipy sparse matrix saved with `scipy.sparse.save_npz`, as CSC.
    static func readSparse(_ path: String) throws -> CSCMatrix {
        guard FileManager.default.fileExists(atPath: path) else {
            throw XRLinearError.invalidModelFile(file: path, message: "is missing or unreadable")
        }
        return try ScipySparseFile.read(path).toCSC()
    }
}
