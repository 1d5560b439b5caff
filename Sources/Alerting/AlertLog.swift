import Foundation

/// The append-only alert log: JSON Lines, one alert a line.
///
/// `append` returns only once the lines are on disk (fsync), because the
/// monitor marks an item seen right after: an alert must never exist only in
/// a buffer when its item is already recorded as handled.
public final class AlertLog: @unchecked Sendable {
  public let path: String
  // One writer per log: the monitor appends from a single thread of control.
  private let handle: FileHandle
  private let encoder: JSONEncoder

  public init(path: String) throws(AlertingError) {
    self.path = path
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      if !FileManager.default.fileExists(atPath: path) {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
          throw AlertingError.log(path: path, message: "cannot create the file")
        }
      }
      handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
    } catch let error as AlertingError {
      throw error
    } catch {
      throw AlertingError.log(path: path, message: error.localizedDescription)
    }
    encoder = AlertLog.makeEncoder()
  }

  deinit {
    try? handle.close()
  }

  /// Writes `alerts` as lines and flushes them to disk before returning.
  public func append(_ alerts: [Alert]) throws(AlertingError) {
    guard !alerts.isEmpty else { return }
    var bytes = Data()
    do {
      for alert in alerts {
        bytes.append(try encoder.encode(alert))
        bytes.append(0x0A)
      }
      try handle.write(contentsOf: bytes)
      try handle.synchronize()
    } catch {
      throw AlertingError.log(path: path, message: "cannot write: \(error.localizedDescription)")
    }
  }

  /// The encoder every alert line is written with: compact, dates in ISO 8601 UTC.
  public static func makeEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return encoder
  }

  /// The decoder matching `makeEncoder`.
  public static func makeDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
