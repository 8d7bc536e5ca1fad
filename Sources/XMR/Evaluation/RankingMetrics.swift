import Foundation

/// Ranking quality of predictions against the true labels: P@k, R@k, nDCG@k and PSP@k for k = 1...maxK.
///
/// Definitions (N = every evaluated point, including points without true labels, which score 0, as
/// libpecos counts them for P@k and R@k; a point with fewer than k predictions scores its misses as 0):
/// - P@k = (1/N) Σᵢ |top-k ∩ yᵢ| / k
/// - R@k = (1/N) Σᵢ |top-k ∩ yᵢ| / |yᵢ|
/// - nDCG@k = (1/N) Σᵢ DCG@k / IDCG@k with DCG@k = Σ_{r ≤ k, r-th prediction ∈ yᵢ} 1 / log2(r + 1)
///   and IDCG@k = Σ_{r ≤ min(k, |yᵢ|)} 1 / log2(r + 1)
/// - PSP@k = Σᵢ Σ_{r ≤ k, r-th prediction ∈ yᵢ} 1/p_r ÷ Σᵢ (the largest min(k, |yᵢ|) values of 1/p_l
///   over l ∈ yᵢ): the propensity-scored precision normalized by the best one achievable, summed over
///   points before dividing, as the Extreme Classification Repository's `psprecision` (pyxclib).
public struct RankingMetrics: Sendable, Codable, Equatable {
    /// The largest k evaluated; the arrays below hold k = 1...maxK at index k − 1.
    public var maxK: Int
    /// Number of evaluated points (N).
    public var pointCount: Int
    /// P@k.
    public var precision: [Double]
    /// R@k.
    public var recall: [Double]
    /// nDCG@k.
    public var ndcg: [Double]
    /// PSP@k, or nil when no propensities were given.
    public var propensityScoredPrecision: [Double]?

    /// Evaluates ranked predictions (label ids per point, best first) against `truth` (points × labels).
    public init(predictions: [[Int32]], truth: CSRMatrix, maxK: Int = 5, propensity: LabelPropensity? = nil) throws {
        let allowedK = PipelineParameter.topK.integerRange ?? 1...1
        guard allowedK.contains(maxK) else {
            throw EvaluationError.invalidParameter(name: "k", message: "must be \(allowedK.lowerBound)–\(allowedK.upperBound), got \(maxK)")
        }
        guard predictions.count == truth.rows else {
            throw EvaluationError.shapeMismatch(
                "\(predictions.count) points have predictions but the truth has \(truth.rows)")
        }
        if let propensity, propensity.inversePropensities.count != truth.cols {
            throw EvaluationError.shapeMismatch(
                "propensities cover \(propensity.inversePropensities.count) labels but the truth has \(truth.cols)")
        }
        self.maxK = maxK
        pointCount = truth.rows
        var hits = [Double](repeating: 0, count: maxK)
        var recallSum = [Double](repeating: 0, count: maxK)
        var ndcgSum = [Double](repeating: 0, count: maxK)
        var pspSum = [Double](repeating: 0, count: maxK)
        var pspBest = [Double](repeating: 0, count: maxK)
        let discounts = (0..<maxK).map { 1 / log2(Double($0 + 2)) }
        var marker = [Int](repeating: -1, count: truth.cols)
        var trueWeights: [Double] = []
        for i in 0..<truth.rows {
            var trueCount = 0
            trueWeights.removeAll(keepingCapacity: true)
            for p in truth.range(ofRow: i) where truth.values[p] != 0 {
                let label = Int(truth.columnIndices[p])
                marker[label] = i
                trueCount += 1
                if let propensity { trueWeights.append(propensity.inversePropensities[label]) }
            }
            guard trueCount > 0 else { continue }
            trueWeights.sort(by: >)
            var matched = 0.0, dcg = 0.0, idcg = 0.0, psp = 0.0, best = 0.0
            let ranked = predictions[i]
            for r in 0..<maxK {
                if r < ranked.count {
                    let label = Int(ranked[r])
                    if label >= 0 && label < truth.cols && marker[label] == i {
                        matched += 1
                        dcg += discounts[r]
                        if let propensity { psp += propensity.inversePropensities[label] }
                    }
                }
                if r < trueCount {
                    idcg += discounts[r]
                    if propensity != nil { best += trueWeights[r] }
                }
                hits[r] += matched
                recallSum[r] += matched / Double(trueCount)
                ndcgSum[r] += dcg / idcg
                pspSum[r] += psp
                pspBest[r] += best
            }
        }
        let n = Double(max(truth.rows, 1))
        precision = (0..<maxK).map { hits[$0] / n / Double($0 + 1) }
        recall = recallSum.map { $0 / n }
        ndcg = ndcgSum.map { $0 / n }
        propensityScoredPrecision = propensity == nil ? nil : (0..<maxK).map { pspBest[$0] > 0 ? pspSum[$0] / pspBest[$0] : 0 }
    }

    /// The metric named `key`: "P@k", "R@k", "nDCG@k" or "PSP@k" (case-insensitive), nil if absent.
    public subscript(key: String) -> Double? {
        let parts = key.split(separator: "@")
        guard parts.count == 2, let k = Int(parts[1]), k >= 1, k <= maxK else { return nil }
        switch parts[0].lowercased() {
        case "p": return precision[k - 1]
        case "r": return recall[k - 1]
        case "ndcg": return ndcg[k - 1]
        case "psp": return propensityScoredPrecision?[k - 1]
        default: return nil
        }
    }

    /// Every metric by its key ("P@1", ..., "PSP@maxK").
    public var dictionary: [String: Double] {
        var out: [String: Double] = [:]
        for key in keys { out[key] = self[key] }
        return out
    }

    /// The metric keys in display order: all P@k, then R@k, nDCG@k and PSP@k (when present).
    public var keys: [String] {
        var names = ["P", "R", "nDCG"]
        if propensityScoredPrecision != nil { names.append("PSP") }
        return names.flatMap { name in (1...maxK).map { "\(name)@\($0)" } }
    }
}
