import XMR

/// Renders `DatasetStatistics` as plain text lines for an 80-column terminal.
struct StatisticsReport {
    /// The statistics to render.
    var statistics: DatasetStatistics
    /// The character that draws histogram bars (`█`, or `#` where the terminal is not UTF-8).
    var barCharacter: Character
    /// Width of the longest histogram bar.
    var barWidth = 40

    /// All lines of the report.
    func lines() -> [String] {
        let s = statistics
        var out: [String] = []
        out.append("Dataset \(s.name)" + (s.directory.map { "  (\($0))" } ?? ""))
        let features = s.featureCount == 0 && s.train.featureNonzeros == nil
            ? "none yet (text only)" : "\(s.featureCount)" + (s.hasFeatureNames ? " (named)" : "")
        out.append("  features: \(features)    labels: \(s.labelCount)" + (s.hasLabelNames ? " (named)" : ""))
        out.append("")
        out.append(contentsOf: splitTable())
        out.append("")
        out.append(contentsOf: frequencySummary())
        out.append("")
        out.append(contentsOf: labelLists())
        out.append("")
        out.append(contentsOf: histogram())
        return out
    }

    /// The table of splits: points, nonzeros, features and labels per point.
    private func splitTable() -> [String] {
        var out = [
            pad("split", 6, left: false) + pad("points", 8) + pad("nonzeros", 10) + pad("features/point", 19)
                + pad("labels/point", 18) + pad("no label", 10) + pad("texts", 6),
            pad("", 24) + pad("mean", 8) + pad("min", 5) + pad("max", 6) + pad("mean", 8) + pad("min", 5) + pad("max", 5),
        ]
        let splits = [("train", statistics.train)] + (statistics.test.map { [("test", $0)] } ?? [])
        for (name, split) in splits {
            var row = pad(name, 6, left: false) + pad("\(split.points)", 8)
            row += pad(split.featureNonzeros.map { "\($0)" } ?? "-", 10)
            if let f = split.featuresPerPoint {
                row += pad(fixed(f.mean, 1), 8) + pad("\(f.min)", 5) + pad("\(f.max)", 6)
            } else {
                row += pad("-", 8) + pad("-", 5) + pad("-", 6)
            }
            let l = split.labelsPerPoint
            row += pad(fixed(l.mean, 2), 8) + pad("\(l.min)", 5) + pad("\(l.max)", 5)
            row += pad("\(split.pointsWithoutLabels)", 10) + pad(split.hasTexts ? "yes" : "no", 6)
            out.append(row)
        }
        return out
    }

    /// Quantiles and long-tail counts of the training label frequencies.
    private func frequencySummary() -> [String] {
        let f = statistics.labelFrequency
        let quantiles = f.quantiles.map { "\($0.title) \($0.value)" }.joined(separator: "  ")
        return [
            "Training points per label",
            "  " + quantiles,
            "  labels with no point: \(f.labelsWithoutPoints)   with 1: \(f.labelsWithOnePoint)"
                + "   with at most 5: \(f.labelsWithAtMostFivePoints)",
            "  the most frequent 1% of labels (\(f.topPercentLabels)) hold "
                + fixed(100 * f.topPercentShare, 1) + "% of \(f.occurrences) label occurrences",
        ]
    }

    /// The most and least frequent labels, side by side.
    private func labelLists() -> [String] {
        let f = statistics.labelFrequency
        var out = [pad("Most frequent labels", 40, left: false) + "Least frequent labels (at least 1)"]
        func entry(_ rank: Int, _ label: LabelCount?) -> String {
            guard let label else { return String(repeating: " ", count: 38) }
            let count = "\(label.count)"
            let prefix = pad("\(rank).", 4) + " "
            let room = 38 - prefix.count - count.count - 1
            return prefix + pad(clip(label.name, room), room, left: false) + " " + count
        }
        for k in 0..<max(f.mostFrequent.count, f.leastFrequent.count) {
            let left = entry(k + 1, k < f.mostFrequent.count ? f.mostFrequent[k] : nil)
            let right = entry(k + 1, k < f.leastFrequent.count ? f.leastFrequent[k] : nil)
            out.append((left + "  " + right).trimmingTrailingSpaces())
        }
        return out
    }

    /// The log-binned histogram of label frequencies (the long tail).
    private func histogram() -> [String] {
        let bins = statistics.labelFrequency.histogram
        let largest = bins.map(\.labels).max() ?? 0
        var out = ["Label frequency histogram (training points per label, log bins)",
                   "  points    labels"]
        for bin in bins {
            var length = largest == 0 ? 0 : Int((Double(bin.labels) / Double(largest) * Double(barWidth)).rounded(.up))
            length = min(length, barWidth)
            let bar = String(repeating: barCharacter, count: length)
            out.append(("  " + pad(bin.title, 11, left: false) + pad("\(bin.labels)", 6) + "  " + bar)
                .trimmingTrailingSpaces())
        }
        return out
    }

    /// `text` padded with spaces to `width` (on the left when `left`, i.e. right-aligned).
    private func pad(_ text: String, _ width: Int, left: Bool = true) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }

    /// `text` cut to `width` characters, ending with `…` when cut.
    private func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// `value` with `digits` decimals.
    private func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
            if decimals > digits { text = String(text.prefix(text.distance(from: text.startIndex, to: dot) + 1 + digits)) }
        }
        return text
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
