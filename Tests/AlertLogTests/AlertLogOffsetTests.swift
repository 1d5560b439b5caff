import AlertTestSupport
import Foundation
import Testing

@testable import AlertLog

/// Where each line starts comes from the file, and every write lands at the
/// file's end: a second writer on the same log (a lock deleted from under a
/// monitor, once) can interleave whole lines but never overwrite them, and
/// an index entry always points at its own alert.
@Suite struct AlertLogOffsetTests {
    @Test func twoWritersOnOneLogInterleaveWithoutOverwritingAndPositionsStayTrue() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        let first = try AlertLogWriter(path: path)
        let second = try AlertLogWriter(path: path)
        var written: [(id: String, position: AlertLogPosition)] = []
        for index in 0..<20 {
            let writer = index % 3 == 0 ? second : first
            let alert = sampleAlert(itemID: "item-\(index)")
            let append = try writer.append([alert])
            written.append((alert.id, try #require(append.positions.first)))
        }
        let reader = AlertLogReader(path: path)
        for (id, position) in written {
            #expect(try reader.line(in: path, at: position.offset)?.id == id)
        }
        let (all, corrupt) = try reader.readAll()
        #expect(corrupt.isEmpty)
        #expect(Set(all.map(\.id)) == Set(written.map(\.id)))
        #expect(all.count == 20)
    }
}
