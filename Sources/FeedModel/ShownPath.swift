import Foundation

/// A file's path as messages show it: one the reader can open from where
/// they are. A file under the current folder is shown relative to it
/// (`rules/watch.rules`), any other, and every one when the current folder
/// is `/`, as an absolute path: never as a name that means something only
/// from the folder it was found in.
public enum ShownPath {
    /// `url` relative to the current folder when it lies under it, else absolute.
    public static func text(_ url: URL) -> String {
        text(url, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// `url` relative to `folder` when it lies under it, else absolute. From
    /// `/` (a service's folder) every path is absolute: `etc/feedwatch/…`
    /// would read as a path under the operator's own folder.
    public static func text(_ url: URL, from folder: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard base != "/" else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard path.hasPrefix(prefix), path.count > prefix.count else { return path }
        return String(path.dropFirst(prefix.count))
    }
}
