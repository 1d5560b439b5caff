import ArgumentParser

/// `feedwatch parse FILE|URL|-` (owned by the parser work).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse feeds and print them as JSON.")

    func run() throws {}
}
