// Times the TF-IDF vectorizer on a dataset folder's raw texts (release build).
// Run: Benchmarks/text-vectorizer.sh DATASET_DIR   (needs train_texts.txt, optional test_texts.txt)
import Foundation

func readLines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
}

func seconds(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: TextVectorizerBench DATASET_DIR [--bigrams] [--chars] [--threads N]\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1])
var configuration = TfidfConfiguration()
if arguments.contains("--bigrams") { configuration.wordNgrams = 1...2 }
if arguments.contains("--chars") { configuration.charNgrams = 3...5 }
var threads: Int?
if let i = arguments.firstIndex(of: "--threads"), i + 1 < arguments.count { threads = Int(arguments[i + 1]) }

let train = try readLines(folder.appendingPathComponent("train_texts.txt").path)
let bytes = train.reduce(0) { $0 + $1.utf8.count }
print("train texts: \(train.count), \(bytes / 1_000_000) MB, configuration: \(configuration), threads: \(threads ?? TfidfVectorizer.defaultThreadCount)")

var tokenStart = DispatchTime.now()
var tokenCount = 0
let tokenizer = Tokenizer()
for text in train { tokenCount += tokenizer.tokens(in: text).count }
print(String(format: "tokenize (String API): %.3f s, %d tokens", seconds(tokenStart), tokenCount))

var vectorizer = TfidfVectorizer(configuration: configuration)
var start = DispatchTime.now()
try vectorizer.fit(texts: train, threads: threads)
print(String(format: "fit: %.3f s, %d features", seconds(start), vectorizer.featureCount))
start = DispatchTime.now()
let x = vectorizer.transform(texts: train, threads: threads)
print(String(format: "transform train: %.3f s, %d nonzeros", seconds(start), x.nonzeros))

let testPath = folder.appendingPathComponent("test_texts.txt").path
if FileManager.default.fileExists(atPath: testPath) {
    let test = try readLines(testPath)
    start = DispatchTime.now()
    let xt = vectorizer.transform(texts: test, threads: threads)
    print(String(format: "transform test: %.3f s, %d rows, %d nonzeros", seconds(start), xt.rows, xt.nonzeros))
    start = DispatchTime.now()
    var sum = 0
    for text in test.prefix(1000) { sum += vectorizer.transform(text).nonzeros }
    print(String(format: "single-text transform: %.1f µs per text", seconds(start) / Double(min(1000, test.count)) * 1e6))
}

// Compare with the dataset's shipped feature names, when present.
let namesPath = folder.appendingPathComponent("feature_names.txt").path
if configuration == TfidfConfiguration(), FileManager.default.fileExists(atPath: namesPath) {
    let shipped = Set(try readLines(namesPath))
    let ours = Set(vectorizer.vocabulary)
    print("shipped feature names: \(shipped.count), ours: \(ours.count), common: \(shipped.intersection(ours).count)")
    print("only shipped (sample): \(Array(shipped.subtracting(ours)).sorted().prefix(15))")
    print("only ours (sample): \(Array(ours.subtracting(shipped)).sorted().prefix(15))")
}

let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bench-vectorizer.bin")
start = DispatchTime.now()
try vectorizer.save(to: file)
let loaded = try TfidfVectorizer.load(from: file)
let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
print(String(format: "save + load: %.3f s, %d bytes, identical: %@", seconds(start), size,
             loaded == vectorizer ? "yes" : "NO"))
try? FileManager.default.removeItem(at: file)
