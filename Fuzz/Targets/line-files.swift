// libFuzzer target: the line files of a dataset folder: label lists (*_labels.txt, by id and by
// name) and raw texts / label names (LineFile). The first input byte picks the expected line
// count; with names, the first lines of the input are taken as label_names.txt.
import Foundation
@testable import XMR

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let expected = Int(start[0] & 0x3F)
    let useNames = start[0] & 0x40 != 0
    let data = Data(bytes: start + 1, count: count - 1)
    let file = LineFile(data: data, path: "fuzz_labels.txt")
    var names: [String: Int]?
    if useNames {
        names = [:]
        for (i, name) in file.lines.prefix(8).enumerated() where names?[name] == nil { names?[name] = i }
    }
    do {
        let labels = try LabelListFile(file: file, expecting: expected, what: "fuzz", labelNames: names)
        let labelCount = labels.largestID + 1
        try labels.check(labelCount: labelCount)
        let matrix = labels.matrix(labelCount: labelCount)
        try labels.checkSame(as: matrix, what: "itself")
        if matrix.rows != expected { fatalError("label file has \(matrix.rows) rows, expected \(expected)") }
        if let texts = try? file.lines(expecting: expected, what: "fuzz"), texts.count != expected {
            fatalError("text file has \(texts.count) lines, expected \(expected)")
        }
    } catch let error as DatasetError {
        if error.description.contains("\n") { fatalError("a multi-line error: \(error)") }
    } catch {
        fatalError("an error that is not a DatasetError: \(error)")
    }
    return 0
}
