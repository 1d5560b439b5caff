import AlertTestSupport
import Foundation
import Testing

@testable import AlertLog

/// A log that cannot tear: a failed append leaves no part of its lines, and
/// a torn last line left by a killed process is set aside when the log opens.
@Suite struct AlertLogTearingTests {
    func size(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    func appendRaw(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Where in an append of two alerts the disk fills.
    enum FailurePoint: CaseIterable {
        case beforeAnyByte, midFirstLine, rightAfterFirstLine
    }

    @Test(arguments: FailurePoint.allCases)
    func aFailedAppendCutsTheLogBackToItsLastCompleteRecord(at point: FailurePoint) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        let writer = try AlertLogWriter(path: path)
        try writer.append([sampleAlert(itemID: "a")])
        let complete = try size(path)
        // A failure right after the first line of two drops that line too:
        // the append is all or nothing, as the commit that follows it is.
        let firstLine = try AlertLogFormat.makeEncoder().encode(sampleAlert(itemID: "b")).count + 1
        let bytesWritten =
            switch point {
            case .beforeAnyByte: 0
            case .midFirstLine: 100
            case .rightAfterFirstLine: firstLine
            }
        writer.simulatedFailure = SimulatedWriteFailure(bytesWritten: bytesWritten)

        let error = try #require(throws: AlertLogError.self) {
            try writer.append([sampleAlert(itemID: "b"), sampleAlert(itemID: "c")])
        }

        #expect(error.path == path)
        #expect(error.description.hasPrefix("alerting: \(path): cannot write: no space left"))
        #expect(error.message.contains("cut back to its last complete alert (byte \(complete))"))
        #expect(try size(path) == complete)
        // The next append starts on a line of its own, where its position says.
        let appended = try writer.append([sampleAlert(itemID: "d")])
        #expect(appended.positions.map(\.offset) == [Int64(complete)])
        #expect(try AlertLogReader(path: path).line(in: path, at: Int64(complete))?.item.id == "d")
        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts.map(\.item.id) == ["a", "d"])
        #expect(corrupt.isEmpty)
    }

    @Test func aTornLastLineIsSetAsideWhenTheLogOpens() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        try AlertLogWriter(path: path).append([sampleAlert(itemID: "a")])
        let complete = try size(path)
        // What a process killed in the middle of an append leaves.
        let half = "{\"id\":\"half an alert\",\"time\":"
        try appendRaw(half, to: path)

        let writer = try AlertLogWriter(path: path)

        let torn = try #require(writer.setAsideTail)
        #expect(torn.offset == Int64(complete))
        #expect(torn.bytes == half.utf8.count)
        #expect(torn.tornFile == path + ".torn")
        #expect(torn.description.contains("moved to \(path).torn"))
        #expect(try size(path) == complete)
        #expect(
            try String(contentsOfFile: path + ".torn", encoding: .utf8)
                == "{\"id\":\"half an alert\",\"time\":\n")
        try writer.append([sampleAlert(itemID: "b")])
        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts.map(\.item.id) == ["a", "b"])
        #expect(corrupt.isEmpty)

        // A second torn tail is added to the first, never over it; a log
        // that is only a torn line is emptied.
        try FileManager.default.removeItem(atPath: path)
        try Data("{\"id\":\"another".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try AlertLogWriter(path: path).setAsideTail?.offset == 0)
        #expect(try size(path) == 0)
        #expect(
            try String(contentsOfFile: path + ".torn", encoding: .utf8)
                == "{\"id\":\"half an alert\",\"time\":\n{\"id\":\"another\n")
    }

    @Test func aWholeLogIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        try AlertLogWriter(path: path).append([sampleAlert(itemID: "a")])
        #expect(try AlertLogWriter(path: path).setAsideTail == nil)
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try AlertLogWriter(path: path).setAsideTail == nil)
        #expect(!FileManager.default.fileExists(atPath: path + ".torn"))
    }

    @Test func aTornLineLongerThanOneReadBlockIsSetAsideWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        try AlertLogWriter(path: path).append([sampleAlert(itemID: "a")])
        let complete = try size(path)
        try appendRaw("{\"snippet\":\"" + String(repeating: "x", count: 200_000), to: path)

        let torn = try #require(try AlertLogWriter(path: path).setAsideTail)

        #expect(torn.offset == Int64(complete))
        #expect(torn.bytes == 200_012)
        #expect(try size(path) == complete)
    }
}

/// A rotation that fails (the folder refuses renames) must not fail the
/// append whose alerts are already on disk: the caller would leave them
/// unrecorded and write them a second time.
@Suite(.enabled(if: AppendOnlyFolder.isAvailable, "needs chattr and root"))
struct AlertLogRotationFailureTests {
    @Test func aFailedRotationKeepsTheAppendAndTriesAgainLater() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        let writer = try AlertLogWriter(path: path, rotationSize: 1)
        try AppendOnlyFolder.set(folder.url.path, true)
        defer { try? AppendOnlyFolder.set(folder.url.path, false) }

        let refused = try writer.append([sampleAlert(itemID: "a")])
        try writer.append([sampleAlert(itemID: "b")])

        #expect(refused.rotation == nil)
        #expect(
            writer.rotationFailure?.description.hasPrefix("alerting: \(path): cannot rotate")
                == true)
        try AppendOnlyFolder.set(folder.url.path, false)
        let rotated = try writer.append([sampleAlert(itemID: "c")])
        #expect(rotated.rotation == AlertLogRotation(from: "alerts.jsonl", to: "alerts.jsonl.1"))
        #expect(writer.rotationFailure == nil)
        try writer.append([sampleAlert(itemID: "d")])
        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts.map(\.item.id) == ["a", "b", "c", "d"])
        #expect(corrupt.isEmpty)
    }
}

/// A folder made append-only with `chattr +a`: files in it can be written,
/// not renamed, even by root.
enum AppendOnlyFolder {
    static let isAvailable: Bool = {
        guard getuid() == 0, let folder = try? TemporaryFolder() else { return false }
        return (try? set(folder.url.path, true)) != nil && (try? set(folder.url.path, false)) != nil
    }()

    static func set(_ path: String, _ on: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [on ? "+a" : "-a", path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }
}
