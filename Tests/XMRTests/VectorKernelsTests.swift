import Testing
@testable import XMR

/// The dense distance kernels (C, AVX2+FMA or portable) against a double-precision sum, at
/// lengths around every step of their loops.
@Suite struct VectorKernelsTests {
    @Test(arguments: [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 384, 1000])
    func kernelsMatchADoublePrecisionSum(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 11)
        func next() -> Float { Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 }
        let a = (0..<count).map { _ in next() }
        let b = (0..<count).map { _ in next() }
        var dot = 0.0, distance = 0.0
        for i in 0..<count {
            dot += Double(a[i]) * Double(b[i])
            distance += Double(a[i] - b[i]) * Double(a[i] - b[i])
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let base = pa.baseAddress ?? UnsafePointer(bitPattern: 8)!, other = pb.baseAddress ?? UnsafePointer(bitPattern: 8)!
                let tolerance = 1e-5 * Double(max(1, count))
                #expect(abs(Double(VectorKernels.dot(base, other, count)) - dot) <= tolerance)
                #expect(abs(Double(VectorKernels.squaredDistance(base, other, count)) - distance) <= tolerance)
                // Unaligned starts (rows of a dense block rarely sit on 32-byte boundaries).
                if count > 1 {
                    let shifted = (1..<count).reduce(0.0) { $0 + Double(a[$1]) * Double(b[$1]) }
                    #expect(abs(Double(VectorKernels.dot(base + 1, other + 1, count - 1)) - shifted) <= tolerance)
                }
            }
        }
    }
}
