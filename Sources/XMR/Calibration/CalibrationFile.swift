import Foundation

/// A model's calibration as stored in its folder: `calibration.json`.
///
/// The file is a first line `xmr-calibration 1 crc32 XXXXXXXX` (format, version, and the CRC-32
/// of everything after that line) followed by a JSON body: the method and its parameters, the
/// CRC-32 of the `model.json` it was fitted for, and what it was fitted on. Reading refuses a
/// corrupted file and a calibration fitted for another model (or for the model before a new
/// training wrote over its folder). Writing is atomic and never replaces a file it did not write.
public struct CalibrationFile: Sendable, Equatable {
    /// The file's name inside a model folder.
    public static let fileName = "calibration.json"
    /// The format version this build writes and reads.
    public static let version = 1

    /// The calibration.
    public var calibration: ScoreCalibration
    /// The CRC-32 of the `model.json` of the model it was fitted for.
    public var modelChecksum: UInt32
    /// A description of the data it was fitted on, for people.
    public var fittedOn: String
    /// Predictions the fit used.
    public var predictions: Int
    /// The beam width and top-k of the predictions it was fitted on.
    public var beamWidth: Int
    /// Ranked labels per point in those predictions.
    public var topK: Int

    /// A file's contents from its parts.
    public init(calibration: ScoreCalibration, modelChecksum: UInt32, fittedOn: String, predictions: Int,
                beamWidth: Int, topK: Int) {
        self.calibration = calibration
        self.modelChecksum = modelChecksum
        self.fittedOn = fittedOn
        self.predictions = predictions
        self.beamWidth = beamWidth
        self.topK = topK
    }

    /// The JSON body.
    private struct Body: Codable {
        var method: CalibrationMethod
        var platt: PlattScaling?
        var isotonic: IsotonicCalibration?
        var modelJsonCrc32: UInt32
        var fittedOn: String
        var predictions: Int
        var beamWidth: Int
        var topK: Int
    }

    /// The CRC-32 of the model folder's `model.json`: the identity a calibration is tied to.
    public static func modelChecksum(ofModel folder: URL) throws -> UInt32 {
        let url = folder.appendingPathComponent("model.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XRLinearError.invalidModelFile(file: url.path, message: "is missing or unreadable")
        }
        return CRC32.checksum(data)
    }

    /// The calibration stored in model folder `folder`, nil when it has none.
    public static func read(fromModel folder: URL) throws -> CalibrationFile? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: url.path, message: message) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw fail("is unreadable") }
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { throw fail("is not an xmr calibration file") }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 4, header[0] == "xmr-calibration", header[2] == "crc32", let stored = UInt32(header[3], radix: 16) else {
            throw fail("is not an xmr calibration file")
        }
        guard header[1] == "\(version)" else {
            throw fail("has calibration format version \(header[1]); this xmr reads version \(version)")
        }
        let bodyBytes = data[(newline + 1)...]
        guard CRC32.checksum(bodyBytes) == stored else { throw fail("is corrupted (CRC-32 mismatch)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let body = try? decoder.decode(Body.self, from: Data(bodyBytes)) else { throw fail("has an unreadable body") }
        let calibration: ScoreCalibration
        switch (body.method, body.platt, body.isotonic) {
        case let (.platt, platt?, _): calibration = .platt(platt)
        case let (.isotonic, _, isotonic?):
            guard isotonic.scores.count == isotonic.probabilities.count, !isotonic.scores.isEmpty else {
                throw fail("has an isotonic calibration without matching knots")
            }
            calibration = .isotonic(isotonic)
        default: throw fail("names method \(body.method.rawValue) but holds no parameters for it")
        }
        let model = try modelChecksum(ofModel: folder)
        guard body.modelJsonCrc32 == model else {
            throw fail(String(format: "was fitted for another model (model.json CRC-32 %08x, this model's is %08x): run xmr calibrate again",
                              body.modelJsonCrc32, model))
        }
        return CalibrationFile(calibration: calibration, modelChecksum: body.modelJsonCrc32, fittedOn: body.fittedOn,
                               predictions: body.predictions, beamWidth: body.beamWidth, topK: body.topK)
    }

    /// The file's bytes: header line and JSON body.
    public func encoded() throws -> Data {
        var body = Body(method: calibration.method, modelJsonCrc32: modelChecksum, fittedOn: fittedOn,
                        predictions: predictions, beamWidth: beamWidth, topK: topK)
        switch calibration {
        case let .platt(platt): body.platt = platt
        case let .isotonic(isotonic): body.isotonic = isotonic
        }
        var json = try JSONStyle.encoder(pretty: true).encode(body)
        json.append(UInt8(ascii: "\n"))
        var data = Data(String(format: "xmr-calibration %d crc32 %08x\n", Self.version, CRC32.checksum(json)).utf8)
        data.append(json)
        return data
    }

    /// Writes the file into model folder `folder` atomically (a temporary file, then a rename).
    ///
    /// An existing `calibration.json` is replaced only when it is an xmr calibration file.
    public func write(toModel folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        if let existing = FileManager.default.contents(atPath: url.path),
           !existing.starts(with: Array("xmr-calibration ".utf8)) {
            throw XRLinearError.invalidModelFile(file: url.path, message: "exists and is not an xmr calibration file; not replacing it")
        }
        do {
            try DurableFile.replace(url, with: encoded())
        } catch let failure as DurableFile.Failure {
            throw XRLinearError.invalidModelFile(file: url.path, message: "cannot be written (\(failure.reason))")
        }
    }
}
