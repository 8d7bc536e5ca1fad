import Foundation

/// The built `xmr` binary, found beside the tests, and a way to run it as a child process.
enum XMRExecutable {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `xmr` executable in the products folder next to the test bundle, else `.build/debug/xmr`.
    static let url: URL? = {
        var candidates: [URL] = []
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(folder.appendingPathComponent("xmr"))
            folder = folder.deletingLastPathComponent()
        }
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("xmr"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("xmr"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/xmr"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// What one run of `xmr` printed, and its exit status.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `xmr` with `arguments`, adding `environment` to this process's environment.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
