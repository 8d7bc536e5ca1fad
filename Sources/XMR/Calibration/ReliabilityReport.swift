import Foundation

/// How well probabilities match outcomes: expected calibration error, Brier score and the
/// reliability table behind them.
///
/// ECE = Σ_bins (n_b / n) · |mean predicted − observed frequency| over equal-width bins of
/// [0, 1] (15 by default; a probability of exactly 1 falls in the last bin). Brier = mean of
/// (p − outcome)². Probabilities outside [0, 1] (raw scores) are clipped first.
public struct ReliabilityReport: Sendable, Codable, Equatable {
    /// One bin of the reliability table.
    public struct Bin: Sendable, Codable, Equatable {
        /// The bin's probability range, `lower ..< upper`.
        public var lower: Double
        /// The upper end of the range.
        public var upper: Double
        /// Predictions whose probability falls in the bin.
        public var count: Int
        /// Their mean probability (0 when the bin is empty).
        public var meanProbability: Double
        /// The share of them that are true labels (0 when the bin is empty).
        public var observedFrequency: Double
    }

    /// Expected calibration error.
    public var ece: Double
    /// Brier score.
    public var brier: Double
    /// Number of predictions measured.
    public var count: Int
    /// The reliability table, lowest bin first.
    public var bins: [Bin]

    /// The report of `probabilities` against `outcomes` in `binCount` bins.
    public init(probabilities: [Double], outcomes: [Bool], binCount: Int = 15) {
        precondition(probabilities.count == outcomes.count && binCount >= 1, "one outcome per probability")
        var counts = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        var hits = [Double](repeating: 0, count: binCount)
        var squared = 0.0
        for (raw, outcome) in zip(probabilities, outcomes) {
            let p = min(max(raw, 0), 1)
            let bin = min(Int(p * Double(binCount)), binCount - 1)
            counts[bin] += 1
            sums[bin] += p
            hits[bin] += outcome ? 1 : 0
            squared += (p - (outcome ? 1 : 0)) * (p - (outcome ? 1 : 0))
        }
        let n = Double(max(probabilities.count, 1))
        count = probabilities.count
        brier = squared / n
        bins = (0..<binCount).map { b in
            let c = Double(counts[b])
            return Bin(lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: counts[b],
                       meanProbability: c > 0 ? sums[b] / c : 0, observedFrequency: c > 0 ? hits[b] / c : 0)
        }
        ece = bins.reduce(0) { $0 + Double($1.count) / n * abs($1.meanProbability - $1.observedFrequency) }
    }

    /// The reliability table as text lines: each bin's range, count, mean probability and observed
    /// frequency, and a bar of the observed frequency with `|` at the mean probability (where the
    /// bar of a perfectly calibrated bin ends).
    public func tableLines(barWidth: Int = 30) -> [String] {
        func column(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = ["probability   count  predicted  observed  observed frequency (| = predicted)"]
        for bin in bins {
            var line = String(format: "%.2f-%.2f", bin.lower, bin.upper) + column(String(bin.count), 8)
                + column(String(format: "%.3f", bin.meanProbability), 11) + column(String(format: "%.3f", bin.observedFrequency), 10)
            if bin.count > 0 {
                let filled = Int((bin.observedFrequency * Double(barWidth)).rounded())
                var bar = Array(String(repeating: "█", count: filled) + String(repeating: " ", count: barWidth + 1 - filled))
                bar[min(Int((bin.meanProbability * Double(barWidth)).rounded()), barWidth)] = "|"
                line += "  " + String(String(bar).reversed().drop { $0 == " " }.reversed())
            }
            lines.append(line)
        }
        return lines
    }
}
