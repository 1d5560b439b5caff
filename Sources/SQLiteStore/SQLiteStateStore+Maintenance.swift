import Foundation
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `state stats`, `state vacuum` and `state backup` over the SQLite file.
extension SQLiteStateStore: StateMaintenance {
    /// VACUUM rewrites the file without its free pages. It goes through the
    /// write-ahead log, which is copied back and emptied afterwards, so the
    /// sizes compared are of the file and its log together.
    public func vacuum() throws(StoreError) -> VacuumResult {
        try serialized { () throws(StoreError) in
            guard access == .readWrite else {
                throw StoreError.database(
                    path: path, message: "vacuum: the store was opened read-only")
            }
            let before = Self.fileSize(path) + Self.fileSize(path + "-wal")
            try database.execute("VACUUM", purpose: "vacuuming the state")
            let truncate = { () throws(StoreError) in
                try self.database.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)",
                    purpose: "copying the write-ahead log into the file")
            }
            if let checkpointer {
                try checkpointer.withoutCheckpoints(truncate)
            } else {
                try truncate()
            }
            return VacuumResult(
                bytesBefore: before,
                bytesAfter: Self.fileSize(path) + Self.fileSize(path + "-wal"))
        }
    }

    /// The copy is written beside `path` under a temporary name, in
    /// rollback-journal mode so that it is one self-contained file, synced,
    /// and renamed into place: a crash leaves the old file or the whole copy.
    public func backup(to destinationPath: String, replacing: Bool) throws(StoreError) {
        let destination = URL(fileURLWithPath: destinationPath).standardizedFileURL.path
        guard destination != URL(fileURLWithPath: path).standardizedFileURL.path else {
            throw .cannotOpen(path: destinationPath, reason: "it is the state itself")
        }
        if !replacing && FileManager.default.fileExists(atPath: destination) {
            throw .cannotOpen(path: destinationPath, reason: "a file is already there")
        }
        let partial = destination + ".partial-\(getpid())"
        Self.removeDatabaseFiles(partial)
        do {
            try serialized { () throws(StoreError) in
                let copy = try SQLiteDatabase(path: partial, mode: .readWriteCreate)
                try database.backup(
                    into: copy, purpose: "backing up the state to \(destinationPath)")
                try copy.setPragma(
                    "journal_mode", to: "DELETE", purpose: "making the backup one file")
            }
            try Self.moveIntoPlace(partial, destination)
        } catch {
            Self.removeDatabaseFiles(partial)
            throw error
        }
    }

    /// Renames the finished copy over `destination` and syncs the folder,
    /// so that the rename survives a power cut.
    private static func moveIntoPlace(_ partial: String, _ destination: String) throws(StoreError) {
        guard rename(partial, destination) == 0 else {
            throw .cannotOpen(
                path: destination,
                reason:
                    "cannot move the finished copy into place: \(String(cString: strerror(errno)))")
        }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
