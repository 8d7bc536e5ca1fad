import Testing
@testable import XMR

@Suite("Rank selection for 2-means splits")
struct ScoredLabelTests {
    @Test("Selecting rank k gives the k-th element of the sorted order, lower ranks before it")
    func selectMatchesSort() {
        var rng = SplitMix64(seed: 11)
        for n in [1, 2, 3, 7, 64, 501] {
            // Few distinct scores, so ties are broken by label id.
            var items = (0..<n).map { i in
                ScoredLabel(score: Float(rng.nextInt(below: 5)) - 2, label: Int32((i * 7919) % 100_003))
            }
            let sorted = items.sorted(by: ScoredLabel.precedes)
            for k in Set([0, n / 2, n - 1]) {
                items.withUnsafeMutableBufferPointer { ScoredLabel.select(rank: k, in: $0) }
                #expect(items[k].label == sorted[k].label, "n \(n) rank \(k)")
                #expect(items[0..<k].allSatisfy { ScoredLabel.precedes($0, items[k]) })
                #expect(items[(k + 1)...].allSatisfy { !ScoredLabel.precedes($0, items[k]) })
            }
        }
    }
}
