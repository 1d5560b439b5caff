import Foundation
import Glibc

/// Blocking reads and writes on one connected socket, with the buffering
/// HTTP/1.1 request parsing needs.
struct SocketIO {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Bytes up to and including `delimiter`; nil when the peer closed first.
    mutating func read(through delimiter: [UInt8], limit: Int = 1 << 20) -> [UInt8]? {
        while true {
            if let range = firstRange(of: delimiter) {
                let bytes = Array(buffer[..<range])
                buffer.removeFirst(range)
                return bytes
            }
            guard buffer.count < limit, fill() else { return nil }
        }
    }

    /// Exactly `count` bytes; nil when the peer closed first.
    mutating func read(count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Writes everything; false when the peer is gone. `MSG_NOSIGNAL` keeps a
    /// closed peer from killing the test process with SIGPIPE.
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { chunk in
                send(descriptor, chunk.baseAddress, chunk.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    func write(_ data: Data) -> Bool { write([UInt8](data)) }

    /// True once the peer closed its end (or the socket failed); never blocks.
    func peerHasClosed() -> Bool {
        var byte: UInt8 = 0
        let received = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if received == 0 { return true }
        if received < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        return false
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, 0)
            }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return false }
            buffer.append(contentsOf: chunk[..<received])
            return true
        }
    }

    private func firstRange(of delimiter: [UInt8]) -> Int? {
        guard buffer.count >= delimiter.count else { return nil }
        for start in 0...(buffer.count - delimiter.count)
        where buffer[start] == delimiter[0]
            && Array(buffer[start..<(start + delimiter.count)]) == delimiter
        {
            return start + delimiter.count
        }
        return nil
    }
}
