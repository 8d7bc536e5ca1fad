#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an index image: allocated while building, or a read-only memory mapping of a file.
///
/// Immutable once the index is complete, so it is shared freely between searching threads.
final class IndexRegion: @unchecked Sendable {
    /// The first byte (page-aligned when mapped, 64-byte aligned when allocated).
    let base: UnsafeMutableRawPointer
    /// Number of bytes.
    let byteCount: Int
    private let isMapped: Bool

    /// `byteCount` zeroed bytes.
    init(allocating byteCount: Int) {
        self.byteCount = byteCount
        base = .allocate(byteCount: max(8, byteCount), alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: max(8, byteCount))
        isMapped = false
    }

    /// A read-only mapping of the whole file at `path`.
    init(mapping path: String) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)   // a FIFO must not block the open
        guard fd >= 0 else {
            throw ANNError.invalidIndexFile(file: path, message: "cannot open the file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ANNError.invalidIndexFile(file: path, message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ANNError.invalidIndexFile(file: path, message: "is not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw ANNError.invalidIndexFile(file: path, message: "file is truncated (0 bytes)") }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw ANNError.invalidIndexFile(file: path, message: "cannot map the file (\(String(cString: strerror(errno))))")
        }
        base = mapped
        byteCount = size
        isMapped = true
    }

    deinit {
        if isMapped { munmap(base, byteCount) } else { base.deallocate() }
    }
}
