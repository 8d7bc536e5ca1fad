import Foundation

extension DatasetError {
    /// The bytes of the dataset file at `url`, with `InputFile`'s refusals (missing, a folder, a
    /// FIFO, a device) turned into errors naming the file.
    static func readFile(_ url: URL) throws -> Data {
        do {
            return try InputFile.read(url)
        } catch let error as InputFile.ReadError {
            throw DatasetError(path: url.path, message: error.reason)
        }
    }
}
