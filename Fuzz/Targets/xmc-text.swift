// libFuzzer target: the Extreme Classification text parser (train.txt / test.txt).
// Property: any input is either a one-line DatasetError or a file that writes back canonically
// and parses again to the same matrices.
import Foundation
@testable import XMR

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    do {
        let file = try XMCTextFile(data: data, path: "fuzz.txt")
        let again = try XMCTextFile(data: file.encoded(), path: "fuzz.txt")
        if again != file { fatalError("the canonical form does not read back to the same file") }
    } catch let error as DatasetError {
        if error.description.contains("\n") { fatalError("a multi-line error: \(error)") }
    } catch {
        fatalError("an error that is not a DatasetError: \(error)")
    }
    return 0
}
