import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many columns standard output has: the terminal's, else `COLUMNS`
/// (which a script can set for a pipe), else 80 on a terminal and, in a
/// pipe, a width that suits a file or `less -S`.
enum TerminalWidth {
    static let pipeDefault = 160

    static func ofStandardOutput(
        environment: [String: String] = ProcessInfo.processInfo
            .environment
    ) -> Int {
        let terminal = isatty(STDOUT_FILENO) != 0
        if terminal {
            var size = winsize()
            // TIOCGWINSZ fills `size` on a terminal; 0 columns means it could not say.
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return Int(size.ws_col)
            }
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return terminal ? 80 : pipeDefault
    }
}
