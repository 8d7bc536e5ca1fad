import Foundation

/// A fresh folder under the system temporary directory, for tests that write files.
struct TemporaryFolder {
    /// The folder.
    let url: URL

    /// Creates an empty folder with a unique name.
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xmr-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Removes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
