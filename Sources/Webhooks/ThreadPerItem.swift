import Foundation

/// Runs blocking work (libcurl requests) for several items at once, each on
/// a thread of its own, so that one item's slow network cannot hold up the
/// others. Unlike `concurrentPerform` it is not limited to the core count:
/// the threads mostly wait.
enum ThreadPerItem {
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        // One item needs no thread.
        if items.count <= 1 { return items.map(body) }
        let results = Results<Result>(count: items.count)
        let group = DispatchGroup()
        for (index, item) in items.enumerated() {
            group.enter()
            let thread = Thread {
                results.set(body(item), at: index)
                group.leave()
            }
            thread.name = "feedwatch webhook \(index)"
            thread.start()
        }
        group.wait()
        return results.all
    }

    /// The threads' results. `@unchecked Sendable`: every access holds `lock`.
    private final class Results<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ value: Result, at index: Int) {
            lock.lock()
            defer { lock.unlock() }
            values[index] = value
        }

        var all: [Result] {
            lock.lock()
            defer { lock.unlock() }
            return values.compactMap { $0 }
        }
    }
}
