import Foundation

/// A read-only memory mapping of a whole file, unmapped when the last reference goes.
///
/// `@unchecked Sendable`: the mapping is read-only and never changes after `init`.
final class MappedFile: @unchecked Sendable {
    /// The mapped bytes.
    let bytes: UnsafeRawBufferPointer
    /// The file's path, for errors.
    let path: String

    /// Maps `url` read-only; a missing or unreadable file, or anything but a regular file (a
    /// folder, a FIFO, a device), throws `EncoderError.badFile` naming it.
    init(_ url: URL) throws {
        path = url.path
        do { try InputFile.checkRegularFile(url) } catch {
            throw EncoderError.badFile(path: url.path, message: InputFile.reason(error))
        }
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw EncoderError.badFile(path: url.path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw EncoderError.badFile(path: url.path, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        guard size > 0 else { bytes = UnsafeRawBufferPointer(start: nil, count: 0); return }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw EncoderError.badFile(path: url.path, message: "cannot map: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
