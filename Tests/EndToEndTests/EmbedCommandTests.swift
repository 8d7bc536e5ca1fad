import Foundation
import Testing

/// `xmr embed` on the tiny BERT fixture: rows per line, standard input, refusals and errors.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"))
struct EmbedCommandTests {
    static let encoder = XMRExecutable.packageRoot.appendingPathComponent("Tests/XMRTests/Fixtures/tiny-bert/model").path

    /// A fresh temporary folder.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-embed-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The shape in a `.npy` header and its float32 values.
    func readNumpy(_ url: URL) throws -> (header: String, values: [Float]) {
        let data = try Data(contentsOf: url)
        let length = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10..<(10 + length)], as: UTF8.self)
        let values = data[(10 + length)...].withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
        }
        return (header, values)
    }

    @Test("One unit-norm float32 row per input line, from a file or standard input alike")
    func embedsLines() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("texts.txt")
        try "A man is eating food.\n\nlibrary for parsing XML\n".write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("e.npy")
        let run = try XMRExecutable.run(["embed", "--encoder", Self.encoder, "--input", input.path, "--output", out.path,
                                         "--batch-size", "2", "--threads", "2", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"texts\" : 3"))
        let (header, values) = try readNumpy(out)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 32)"))
        #expect(values.count == 96)
        for r in 0..<3 {
            let norm = values[(32 * r)..<(32 * r + 32)].reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-4)
        }
        // Standard input: the same rows, up to the summation order of other batch sizes.
        let piped = dir.appendingPathComponent("p.npy")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" embed --encoder \"$1\" --input - --output \"$2\" < \"$3\"",
                             XMRExecutable.url!.path, Self.encoder, piped.path, input.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let pipedValues = try readNumpy(piped).values
        #expect(pipedValues.count == values.count)
        #expect(zip(pipedValues, values).allSatisfy { abs($0 - $1) < 1e-5 })
        // An existing output is never overwritten.
        let again = try XMRExecutable.run(["embed", "--encoder", Self.encoder, "--input", input.path, "--output", out.path])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }

    @Test("A bad encoder folder is one line on stderr naming the file, exit status 1")
    func badEncoder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("texts.txt")
        try "hello\n".write(to: input, atomically: true, encoding: .utf8)
        let run = try XMRExecutable.run(["embed", "--encoder", dir.path, "--input", input.path,
                                         "--output", dir.appendingPathComponent("e.npy").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("config.json: missing") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.npy").path))
    }
}
