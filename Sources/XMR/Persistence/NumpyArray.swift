import Foundation

/// A one-dimensional array read from a `.npy` file (little-endian ints, floats or bytes).
struct NumpyArray {
    /// The numpy dtype string, e.g. `<i4`, `<f8`, `|S3`.
    var dtype: String
    /// The shape from the header.
    var shape: [Int]
    /// The raw element bytes.
    var payload: Data

    /// Parses `.npy` bytes; `file` names the source in errors.
    init(_ data: Data, file: String) throws {
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: file, message: message) }
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw fail("not a .npy array")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("unsupported .npy version \(major)")
        }
        guard data.count >= headerStart + headerLength else { throw fail("truncated .npy header") }
        let header = String(decoding: data[(data.startIndex + headerStart)..<(data.startIndex + headerStart + headerLength)], as: UTF8.self)
        func value(of key: String) -> Substring? {
            guard let range = header.range(of: "'\(key)':") else { return nil }
            return header[range.upperBound...].drop { $0 == " " }
        }
        guard let descr = value(of: "descr"), descr.first == "'",
              let close = descr.dropFirst().firstIndex(of: "'") else { throw fail("no dtype in .npy header") }
        dtype = String(descr[descr.index(after: descr.startIndex)..<close])
        if let fortran = value(of: "fortran_order"), fortran.hasPrefix("True") { throw fail("Fortran-order arrays are not supported") }
        guard let shapeText = value(of: "shape"), shapeText.first == "(", let end = shapeText.firstIndex(of: ")") else {
            throw fail("no shape in .npy header")
        }
        shape = try shapeText[shapeText.index(after: shapeText.startIndex)..<end].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { guard let n = Int($0), n >= 0 else { throw fail("bad shape in .npy header") }; return n }
        payload = data.suffix(from: data.startIndex + headerStart + headerLength)
        guard let elementSize = Int(dtype.dropFirst(2)), (1...16).contains(elementSize) else {
            throw fail("unsupported dtype '\(PrintableText.escaped(dtype))' in .npy header")
        }
        // Checked against the payload before anything trusts the shape: a hostile header must
        // not overflow the product.
        var expected = elementSize
        for n in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: n)
            guard !overflow, product <= payload.count else { throw fail("truncated .npy data (the shape needs more bytes than the file has)") }
            expected = product
        }
        guard payload.count >= expected else { throw fail("truncated .npy data") }
        payload = payload.prefix(expected)
    }

    /// Number of elements.
    var count: Int { shape.reduce(1, *) }

    /// The elements as integers (from `<i4`, `<i8`, `<u4`, `<u8`).
    func integers(file: String) throws -> [Int] {
        let n = count
        return try payload.withUnsafeBytes { raw -> [Int] in
            switch dtype {
            case "<i4": return (0..<n).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
            case "<u4": return (0..<n).map { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            case "<i8": return (0..<n).map { Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self))) }
            case "<u8": return (0..<n).map { Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            default: throw XRLinearError.invalidModelFile(file: file, message: "expected an integer array, found dtype \(dtype)")
            }
        }
    }

    /// The elements as `Float` (from `<f4` or `<f8`).
    func floats(file: String) throws -> [Float] {
        let n = count
        return try payload.withUnsafeBytes { raw -> [Float] in
            switch dtype {
            case "<f4": return (0..<n).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            case "<f8": return (0..<n).map { Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))) }
            default: throw XRLinearError.invalidModelFile(file: file, message: "expected a float array, found dtype \(dtype)")
            }
        }
    }

    /// The bytes of a byte-string scalar (`|S…`), e.g. a scipy sparse format name.
    var string: String { String(decoding: payload.prefix { $0 != 0 }, as: UTF8.self) }

    /// `.npy` version 1.0 bytes of little-endian float32 `values` in C order with `shape`.
    static func encodeFloat32(_ values: [Float], shape: [Int]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + values.count * 4)
        #if _endian(little)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
        return data
    }
}
