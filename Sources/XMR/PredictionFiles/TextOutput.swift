/// A destination for text that prediction writers append to and flush.
public protocol TextOutput: AnyObject {
    /// Appends `text` (UTF-8).
    func write(_ text: String) throws
    /// Makes everything written so far visible to the reader.
    func flush() throws
}
