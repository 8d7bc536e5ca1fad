import Foundation

/// Where sessions live: `$XMR_SESSIONS_DIR` when set; otherwise the `sessions` folder of the package
/// checkout found from the current directory upwards (then from the executable upwards), a
/// checkout being a folder with both `Package.swift` and `sessions/`; otherwise `./sessions`.
public enum SessionDirectory {
    /// The environment variable that overrides the sessions directory.
    public static let environmentVariable = "XMR_SESSIONS_DIR"
    /// The folder name of the sessions directory inside a checkout.
    public static let folderName = "sessions"

    /// The sessions directory for this process.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              executable: URL? = nil) -> URL {
        if let override = environment[environmentVariable], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true, relativeTo: currentDirectory).standardizedFileURL
        }
        for start in [currentDirectory, executable?.deletingLastPathComponent()].compactMap({ $0 }) {
            if let root = checkout(above: start) { return root.appendingPathComponent(folderName, isDirectory: true) }
        }
        return currentDirectory.appendingPathComponent(folderName, isDirectory: true).standardizedFileURL
    }

    /// The nearest folder at or above `start` holding `Package.swift` and a `sessions` folder.
    static func checkout(above start: URL) -> URL? {
        let fileManager = FileManager.default
        var directory = start.standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               fileManager.fileExists(atPath: directory.appendingPathComponent(folderName).path, isDirectory: &isDirectory),
               isDirectory.boolValue {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }
}
