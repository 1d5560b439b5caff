import Testing

@testable import FeedFetcher

@Suite("Host scheduler")
struct HostSchedulerTests {
    @Test("at most maxPerHost per host and maxActive overall")
    func limits() {
        var scheduler = HostScheduler<Int>(maxActive: 3, maxPerHost: 2)
        for item in 0..<5 { scheduler.enqueue(item, host: "a") }
        #expect(scheduler.next()?.element == 0)
        #expect(scheduler.next()?.element == 1)
        #expect(scheduler.next() == nil)
        #expect(scheduler.activeCount(for: "a") == 2)
        scheduler.finish(host: "a")
        #expect(scheduler.next()?.element == 2)
        #expect(scheduler.pendingCount == 2)
    }

    @Test("hosts take turns, and a host at its limit leaves the slot to others")
    func takesTurns() {
        var scheduler = HostScheduler<String>(maxActive: 4, maxPerHost: 2)
        for item in ["a1", "a2", "a3", "a4"] { scheduler.enqueue(item, host: "a") }
        for item in ["b1", "b2", "b3"] { scheduler.enqueue(item, host: "b") }
        var started: [String] = []
        while let (element, _) = scheduler.next() { started.append(element) }
        #expect(started == ["a1", "b1", "a2", "b2"])
        scheduler.finish(host: "b")
        #expect(scheduler.next()?.element == "b3")
        #expect(scheduler.next() == nil)
    }

    @Test("removing pending work leaves active counts alone")
    func removeAllPending() {
        var scheduler = HostScheduler<Int>(maxActive: 1, maxPerHost: 1)
        for item in 0..<3 { scheduler.enqueue(item, host: "h\(item)") }
        #expect(scheduler.next()?.element == 0)
        #expect(scheduler.removeAllPending().sorted() == [1, 2])
        #expect(!scheduler.isIdle)
        scheduler.finish(host: "h0")
        #expect(scheduler.isIdle)
        #expect(scheduler.next() == nil)
    }

    @Test("finishing an idle host is harmless and limits below one act as one")
    func edges() {
        var scheduler = HostScheduler<Int>(maxActive: 0, maxPerHost: 0)
        scheduler.finish(host: "nowhere")
        #expect(scheduler.activeCount == 0)
        scheduler.enqueue(1, host: "a")
        scheduler.enqueue(2, host: "a")
        #expect(scheduler.next()?.element == 1)
        #expect(scheduler.next() == nil)
    }
}
