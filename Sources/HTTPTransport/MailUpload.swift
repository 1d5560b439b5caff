import CCurl
import Foundation

/// Hands libcurl the bytes of one mail through its read callback, in the
/// pieces it asks for. Used on one thread, for one transfer.
final class MailUpload {
    private let message: Data
    private var offset = 0

    init(_ message: Data) { self.message = message }

    /// Routes `easy`'s read callback here. `self` must outlive the transfer.
    func attach(to easy: CurlEasyHandle) throws(CurlError) {
        try easy.set(
            uploadCallback: Self.readCallback, userData: Unmanaged.passUnretained(self).toOpaque(),
            byteCount: message.count)
    }

    /// Copies up to `capacity` bytes into `buffer`; 0 ends the upload.
    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, message.count - offset)
        guard count > 0 else { return 0 }
        message.withUnsafeBytes { bytes in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
        }
        offset += count
        return count
    }

    private static let readCallback: feedwatch_data_callback = { data, size, count, userData in
        guard let data, let userData else { return 0 }
        let upload = Unmanaged<MailUpload>.fromOpaque(userData).takeUnretainedValue()
        return upload.read(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
    }
}
