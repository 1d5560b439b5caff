import Foundation

/// Prints a line at once, so that progress shows when the output goes to a file or `tee`.
public func show(_ line: String) {
    print(line)
    fflush(nil)
}
