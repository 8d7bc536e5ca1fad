/// A read-only array inside a weight image (`WeightImage`): memory-mapped from a model file or
/// allocated in memory, kept alive by the image it views.
///
/// `@unchecked Sendable`: the image never changes after it is built or mapped.
public struct StoredArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    /// Keeps the bytes alive.
    let owner: WeightImage
    /// The first element.
    let base: UnsafePointer<Element>
    /// Number of elements.
    public let count: Int

    /// The first position (always 0).
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { count }

    /// The element at `position`.
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
        return base[position]
    }

    /// The elements as a buffer (valid while the owning level or image is alive).
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
