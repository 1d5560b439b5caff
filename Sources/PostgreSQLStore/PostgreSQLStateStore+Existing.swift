import PostgreSQLClient
import Store

extension PostgreSQLStateStore {
    /// The state in the database `url` names, for a command beside the
    /// monitors (`.readOnly`, `.sideWrites`): nil when no monitor has created
    /// feedwatch's schema there yet, as a review of an SQLite state finds no
    /// file; a server that cannot be reached, or a schema of another version,
    /// is an error.
    public static func existing(url: String, password: String? = nil, access: StoreAccess)
        throws(StoreError) -> PostgreSQLStateStore?
    {
        let store = PostgreSQLStateStore(
            connection: try connect(url: url, password: password), url: url, password: password,
            access: access)
        guard try PostgreSQLSchema.version(of: store) > 0 else { return nil }
        try store.prepare()
        return store
    }
}
