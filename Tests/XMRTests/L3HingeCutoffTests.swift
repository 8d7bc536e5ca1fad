import Foundation
import Testing
@testable import XMR

@Suite("The l3-hinge cutoff of the batch search's selection")
struct L3HingeCutoffTests {
    /// Every child the cutoff skips scores strictly below the worst kept score, computed the way
    /// the search computes it; and children far enough above the cutoff are not skipped.
    @Test("A skipped child always scores below the worst kept one")
    func skippedChildrenLose() {
        let cutoffs = L3HingeCutoff(enabled: true)
        var generator = SplitMix64(seed: 11)
        func uniform() -> Float { Float(generator.next() % 1_000_001) / 1_000_000 }
        var skipped = 0, kept = 0
        for _ in 0..<200_000 {
            let parent = uniform()
            // Worst scores near the parent's score, where the slack matters, and far below it.
            let worst = generator.next() % 2 == 0 ? parent * (1 - uniform() * 1e-4) : parent * uniform()
            let raw = 1 - 3 * uniform()
            let cutoff = cutoffs.cutoff(parent: parent, worst: worst)
            let score = PostProcessor.l3Hinge.combine(parent: parent, raw: raw)
            if cutoff < 0 || cutoffs.isOut(raw: raw, cutoff: cutoff) {
                skipped += 1
                #expect(score < worst, "parent \(parent) worst \(worst) raw \(raw)")
            } else {
                kept += 1
            }
        }
        #expect(skipped > 50_000 && kept > 10_000)
    }

    @Test("Ties, zero and non-finite scores are never skipped wrongly")
    func edges() {
        let cutoffs = L3HingeCutoff(enabled: true)
        // A raw score of 1 or more scores exactly the parent's: a tie with a worst score equal to it.
        #expect(!cutoffs.isOut(raw: 1.5, cutoff: cutoffs.cutoff(parent: 0.5, worst: 0.5)))
        // A parent scoring below the worst: no child can enter.
        #expect(cutoffs.cutoff(parent: 0.25, worst: 0.5) < 0)
        #expect(cutoffs.cutoff(parent: 0, worst: 0.5) < 0)
        // Nothing is known when the worst score is zero or a score is not finite.
        #expect(cutoffs.cutoff(parent: 0.5, worst: 0) == .infinity)
        #expect(cutoffs.cutoff(parent: .nan, worst: 0.5) == .infinity)
        #expect(!cutoffs.isOut(raw: .nan, cutoff: cutoffs.cutoff(parent: 0.5, worst: 0.1)))
        // Other post-processors skip nothing.
        #expect(L3HingeCutoff(enabled: false).cutoff(parent: 0.25, worst: 0.5) == .infinity)
    }
}
