import FeedModel
import Foundation
import Testing

/// Paths as messages show them: ones the reader can open from where they are.
@Suite struct ShownPathTests {
    let file = URL(fileURLWithPath: "/etc/feedwatch/rules/a.rules")

    @Test func aFileUnderTheFolderIsRelativeToIt() {
        #expect(
            ShownPath.text(file, from: URL(fileURLWithPath: "/etc/feedwatch")) == "rules/a.rules")
    }

    @Test func aFileElsewhereIsAbsolute() {
        #expect(ShownPath.text(file, from: URL(fileURLWithPath: "/home/ops")) == file.path)
    }

    /// A service runs in `/`: `etc/feedwatch/rules/a.rules` would read as a
    /// path under the operator's own folder.
    @Test func fromTheRootEveryPathIsAbsolute() {
        #expect(ShownPath.text(file, from: URL(fileURLWithPath: "/")) == file.path)
    }
}
