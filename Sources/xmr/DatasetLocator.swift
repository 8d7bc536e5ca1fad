import Foundation

/// Finds the dataset the workbench opens: `--dataset DIR`, or the default sample looked up from
/// the current directory and then from the executable's folder up to the package root.
enum DatasetLocator {
    /// The default dataset, relative to the package root.
    static let defaultPath = "sample-data/debtags-small"

    /// Why no dataset was found.
    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    /// The dataset folder to open.
    static func resolve(_ explicit: String?, fileManager: FileManager = .default) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw NotFound(description: "\(explicit): no such dataset folder")
            }
            return url
        }
        var starts = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        if let executable = executableURL() { starts.append(executable.deletingLastPathComponent()) }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent(defaultPath)
                if fileManager.fileExists(atPath: candidate.appendingPathComponent("train.txt").path)
                    || fileManager.fileExists(atPath: candidate.appendingPathComponent("train_texts.txt").path) {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw NotFound(description: "cannot find \(defaultPath) in the current directory, above it, or above the xmr "
                       + "executable; pass --dataset DIR")
    }

    /// The running executable, symlinks resolved.
    static func executableURL() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}
