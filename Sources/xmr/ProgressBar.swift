import Foundation
import Synchronization
import XMR

/// A one-line progress display on stderr, drawn only when stderr is a terminal.
final class ProgressBar: Sendable {
    private let enabled: Bool
    private let state = Mutex((width: 0, drawn: Date.distantPast))

    /// A bar that draws when stderr is a terminal (and never when `quiet`).
    init(quiet: Bool = false) {
        enabled = !quiet && isatty(2) == 1
    }

    /// Redraws the line with `text` and a bar `fraction` full.
    func update(_ text: String, fraction: Double) {
        guard enabled else { return }
        let width = 24
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded(.down))))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "[\(bar)] \(text)"
        state.withLock { s in
            // At most 20 redraws a second, but always the one that completes a bar.
            let now = Date()
            guard fraction >= 1 || now.timeIntervalSince(s.drawn) >= 0.05 else { return }
            let padding = max(0, s.width - line.count)
            FileHandle.standardError.write(Data(("\r" + line + String(repeating: " ", count: padding)).utf8))
            s.width = line.count
            s.drawn = now
        }
    }

    /// Ends the line so later output starts on a fresh one.
    func finish() {
        guard enabled else { return }
        state.withLock { s in
            if s.width > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
            s.width = 0
        }
    }

    /// Draws a training event.
    func show(_ event: TrainingProgress) {
        switch event {
        case let .encoding(done, total):
            update("embedding texts: \(done)/\(total)", fraction: total > 0 ? Double(done) / Double(total) : 0)
        case let .stageStarted(stage):
            // The stages without events of their own; the others draw their own lines.
            switch stage {
            case .representation, .matcher, .matcherNegatives: update("\(stage)", fraction: 0)
            case .encoding, .tfidf, .clustering, .level: break
            }
        case let .vectorizing(texts):
            update("vectorizing \(texts) texts (TF-IDF)", fraction: 0)
        case let .clusteringStarted(labels):
            update("clustering \(labels) labels", fraction: 0)
        case let .clustering(done, total):
            update("clustering: \(done)/\(total) splits", fraction: total > 0 ? Double(done) / Double(total) : 0)
        case let .clusteringFinished(nodeCounts, seconds):
            update("tree \(nodeCounts.map(String.init).joined(separator: " → ")) in \(String(format: "%.2f", seconds)) s", fraction: 1)
        case let .level(p):
            update("level \(p.level)/\(p.depth): \(p.nodesDone)/\(p.nodesTotal) nodes, \(p.nonzeros) weights, \(String(format: "%.1f", p.elapsedSeconds)) s",
                   fraction: p.nodesTotal > 0 ? Double(p.nodesDone) / Double(p.nodesTotal) : 0)
        case let .fineTuning(p):
            update("fine-tuning level \(p.level)/\(p.levels), epoch \(p.epoch)/\(p.epochs): \(p.done)/\(p.total) texts, loss "
                   + String(format: "%.4f, %.1f texts/s", p.loss, p.examplesPerSecond)
                   + (p.checkpointStep.map { ", checkpoint at step \($0)" } ?? ""),
                   fraction: p.total > 0 ? Double(p.done) / Double(p.total) : 0)
            // One line per epoch stays on screen.
            if p.done == p.total { finish() }
        case .finished:
            finish()
        }
    }
}
