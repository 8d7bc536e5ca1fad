import Foundation
import Testing

/// `xmr-mpi` under `mpirun` (issue 16): distributed training writes the model folder of one
/// process byte for byte, distributed eval gives the same P@k, a killed rank stops the job with
/// a clear error and no model, and a bad command line or a missing dataset on one rank gives
/// one error on rank 0. Skipped where `mpirun` or `xmr-mpi` is missing (`.ci/run` installs Open MPI).
@Suite(.enabled(if: MPIRun.url != nil && MPIRun.xmrMPI != nil,
                "mpirun or the xmr-mpi binary is missing (install libopenmpi-dev and openmpi-bin, as .ci/run does)"),
       .serialized)
struct DistributedCommandTests {
    static let sampleData = XMRExecutable.packageRoot.appendingPathComponent("sample-data")

    /// A folder with the first `train` training and `test` test points of debtags-small (texts,
    /// labels, vectors, names), so the models are TF-IDF models as `xmr train` makes by default.
    static func debtagsSubset(train: Int, test: Int) throws -> URL {
        let source = sampleData.appendingPathComponent("debtags-small")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-mpi-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func lines(_ name: String) throws -> [Substring] {
            try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
        }
        func write(_ name: String, _ lines: some Sequence<Substring>) throws {
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for (split, count) in [("train", train), ("test", test)] {
            let vectors = try lines("\(split).txt")
            try write("\(split).txt", ["\(count) 23377 598"] + vectors[1...count])
            try write("\(split)_texts.txt", try lines("\(split)_texts.txt")[0..<count])
            try write("\(split)_labels.txt", try lines("\(split)_labels.txt")[0..<count])
        }
        try write("label_names.txt", try lines("label_names.txt"))
        return folder
    }

    /// Every file of a model folder, by name.
    static func contents(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    static let pipeline = ["--branching", "4", "--max-leaf-size", "8", "--threads", "1"]

    @Test("mpirun -np 2 and -np 3 write the model folder of xmr train byte for byte; eval and predict answer as xmr does")
    func trainsAndEvaluatesLikeOneProcess() throws {
        let data = try Self.debtagsSubset(train: 300, test: 80)
        defer { try? FileManager.default.removeItem(at: data) }
        let single = data.appendingPathComponent("single")
        let one = try XMRExecutable.run(["train", data.path, "--model", single.path] + Self.pipeline)
        #expect(one.status == 0, "\(one.stderr)")
        let expected = try Self.contents(single)
        // Three levels at least, so the split falls below a trained level.
        #expect(expected.keys.filter { $0.hasPrefix("weights-") }.count >= 3, "\(expected.keys.sorted())")
        for ranks in [2, 3] {
            let model = data.appendingPathComponent("ranks-\(ranks)")
            let run = try MPIRun.run(ranks: ranks, ["train", data.path, "--model", model.path] + Self.pipeline)
            #expect(run.status == 0, "\(run.stderr)")
            let files = try Self.contents(model)
            #expect(files.keys.sorted() == expected.keys.sorted())
            for (name, bytes) in expected { #expect(files[name] == bytes, "\(name) differs with \(ranks) ranks") }
            // Progress per level on rank 0, and every worker reports.
            #expect(run.stderr.contains("level 1/"))
            #expect(run.stderr.contains("rank \(ranks - 1) (pid "))
            #expect(run.stdout.contains("rank \(ranks - 1): "))
        }
        let reference = try XMRExecutable.run(["eval", "--model", single.path, data.path, "--json", "--threads", "1"])
        #expect(reference.status == 0, "\(reference.stderr)")
        let distributed = try MPIRun.run(ranks: 2, ["eval", "--model", single.path, data.path, "--json", "--threads", "1"])
        #expect(distributed.status == 0, "\(distributed.stderr)")
        let a = try Self.metrics(reference.stdout), b = try Self.metrics(distributed.stdout)
        for key in ["p_at_1", "p_at_3", "p_at_5", "ndcg_at_5", "r_at_5", "psp_at_5"] {
            #expect(a[key] != nil && a[key] == b[key], "\(key): xmr \(a[key] ?? -1), xmr-mpi \(b[key] ?? -1)")
        }
        #expect(b["points"] == 80)
        for format in ["xc", "tsv"] {
            let ranked = try XMRExecutable.run(["predict", "--model", single.path, data.path, "--format", format, "--threads", "1"])
            let shared = try MPIRun.run(ranks: 2, ["predict", "--model", single.path, data.path, "--format", format, "--threads", "1"])
            #expect(ranked.status == 0 && shared.status == 0, "\(ranked.stderr)\(shared.stderr)")
            #expect(ranked.stdout.split(separator: "\n").count > 80)
            #expect(shared.stdout == ranked.stdout, "xmr-mpi predict --format \(format) differs from xmr predict")
        }
    }

    /// The numbers of a one-line JSON object.
    static func metrics(_ json: String) throws -> [String: Double] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    @Test("a rank killed while training stops the job with a clear error on rank 0 and no model folder")
    func killedRank() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-mpi-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model")
        let data = Self.sampleData.appendingPathComponent("delicious-small").path
        let run = try MPIRun.run(ranks: 2, ["train", data, "--model", model.path, "--branching", "4", "--threads", "1"]) { stderr in
            // Kill rank 1 as soon as it says it is training.
            guard let range = stderr.range(of: #"rank 1 \(pid (\d+)\)"#, options: .regularExpression) else { return false }
            let pid = Int32(stderr[range].filter(\.isNumber).dropFirst())!
            kill(pid, SIGKILL)
            return true
        }
        #expect(run.status != 0)
        #expect(run.stderr.contains("xmr-mpi: rank 0: stopped by the MPI runtime because another rank of the job failed or was killed"),
                "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a model or temporary folder was left")
    }

    @Test("a bad option, or a dataset missing on one rank, gives one error on rank 0 and every rank exits")
    func badInput() throws {
        let data = try Self.debtagsSubset(train: 120, test: 40)
        defer { try? FileManager.default.removeItem(at: data) }
        let model = data.appendingPathComponent("model")
        let bad = try MPIRun.run(ranks: 2, ["train", data.path, "--model", model.path, "--branching", "1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.components(separatedBy: "Branching B must be").count == 2, "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model.path))
        // Different command lines per rank (MPMD): only rank 1 has the unknown option.
        let binary = MPIRun.xmrMPI!.path
        let oneBad = try MPIRun.run(appContexts: [[binary, "train", data.path, "--model", model.path],
                                                  [binary, "train", data.path, "--model", model.path, "--bogus", "3"]])
        #expect(oneBad.status == 2)
        #expect(oneBad.stderr.contains("rank 1: Error: unknown option '--bogus'"), "\(oneBad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model.path))
        let trained = try XMRExecutable.run(["train", data.path, "--model", model.path] + Self.pipeline)
        #expect(trained.status == 0, "\(trained.stderr)")
        // --output never replaces a file xmr did not write (here the dataset), and replaces its own.
        let train = data.appendingPathComponent("train.txt")
        let dataset = try Data(contentsOf: train)
        let refused = try MPIRun.run(ranks: 2, ["predict", "--model", model.path, data.path, "--output", train.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(train.path): exists and is not an xmr prediction file; not replacing it"), "\(refused.stderr)")
        #expect(try Data(contentsOf: train) == dataset)
        let output = data.appendingPathComponent("ranked.xc")
        for _ in 0..<2 {
            let written = try MPIRun.run(ranks: 2, ["predict", "--model", model.path, data.path, "--output", output.path, "--threads", "1"])
            #expect(written.status == 0, "\(written.stderr)")
        }
        #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("40 "))
        let missing = data.appendingPathComponent("no-such-dataset").path
        let oneMissing = try MPIRun.run(appContexts: [[binary, "eval", "--model", model.path, data.path],
                                                      [binary, "eval", "--model", model.path, missing]])
        #expect(oneMissing.status == 1)
        #expect(oneMissing.stderr.components(separatedBy: "xmr-mpi:").count == 2, "\(oneMissing.stderr)")
        #expect(oneMissing.stderr.contains("xmr-mpi: rank 1: \(missing)"), "\(oneMissing.stderr)")
        #expect(oneMissing.stdout.isEmpty)
    }
}

/// `mpirun` with Open MPI's root and oversubscribe settings, running `xmr-mpi`.
enum MPIRun {
    /// `mpirun` on the PATH.
    static let url: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin"]).map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The `xmr-mpi` binary beside `xmr`.
    static let xmrMPI: URL? = XMRExecutable.url.map { $0.deletingLastPathComponent().appendingPathComponent("xmr-mpi") }
        .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }

    /// Runs `xmr-mpi arguments` on `ranks` ranks.
    static func run(ranks: Int, _ arguments: [String],
                    whileRunning watch: ((String) -> Bool)? = nil) throws -> XMRExecutable.Output {
        try run(mpirunArguments: ["-np", "\(ranks)", xmrMPI!.path] + arguments, watch: watch)
    }

    /// Runs one rank per command line (`mpirun -np 1 A : -np 1 B`).
    static func run(appContexts: [[String]]) throws -> XMRExecutable.Output {
        try run(mpirunArguments: Array(appContexts.map { ["-np", "1"] + $0 }.joined(separator: [":"])), watch: nil)
    }

    /// Runs mpirun; `watch` sees stderr so far every 50 ms until it returns true.
    private static func run(mpirunArguments: [String], watch: ((String) -> Bool)?) throws -> XMRExecutable.Output {
        let process = Process()
        process.executableURL = url
        process.arguments = mpirunArguments
        process.environment = ProcessInfo.processInfo.environment.merging([
            "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
            "OMPI_MCA_rmaps_base_oversubscribe": "1",
        ]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let collected = Collected()
        out.fileHandleForReading.readabilityHandler = { collected.append(stdout: $0.availableData) }
        err.fileHandleForReading.readabilityHandler = { collected.append(stderr: $0.availableData) }
        try process.run()
        if let watch {
            while process.isRunning, !watch(collected.text.stderr) { usleep(50_000) }
        }
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        collected.append(stdout: out.fileHandleForReading.readDataToEndOfFile())
        collected.append(stderr: err.fileHandleForReading.readDataToEndOfFile())
        let text = collected.text
        return XMRExecutable.Output(status: process.terminationStatus, stdout: text.stdout, stderr: text.stderr)
    }

    /// Output gathered from the pipes' handlers.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func append(stdout data: Data) { lock.withLock { out.append(data) } }
        func append(stderr data: Data) { lock.withLock { err.append(data) } }
        var text: (stdout: String, stderr: String) {
            lock.withLock { (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)) }
        }
    }
}
