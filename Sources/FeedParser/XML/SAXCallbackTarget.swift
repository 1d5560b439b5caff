import CLibXML2

/// The one way back from a libxml2 SAX callback into Swift, for the XML parser
/// and the HTML reader alike.
///
/// libxml2 hands every SAX callback the parser context's user data as its
/// first argument. A reader points the user data at its callback state
/// (`attach(to:)`) before it parses, and every callback finds the state again
/// with `state(from:)`; the callbacks call libxml2's own SAX2 functions, where
/// they need them, with the context the reader holds.
///
/// The state is a struct behind a pointer this target owns: a callback reaches
/// it without a retain or a dynamic exclusivity check, which matters for
/// `characters`, called for every run of text and every `&lt;`.
final class SAXCallbackTarget<State> {
    /// The state, alive as long as the target.
    let state: UnsafeMutablePointer<State>

    init(_ initial: State) {
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Points the callbacks of `context` at this target's state; the target
    /// must outlive every parse run in that context, and the context's handler
    /// table must hold only callbacks that read this `State`.
    func attach(to context: xmlParserCtxtPtr) {
        context.pointee.userData = UnsafeMutableRawPointer(state)
    }

    /// The state of the parse that called back, from the callback's first
    /// argument (the user data `attach(to:)` set).
    @inline(__always)
    static func state(from userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<State>? {
        userData?.assumingMemoryBound(to: State.self)
    }
}
