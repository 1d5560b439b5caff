import CLibXML2

/// The one way back from a libxml2 SAX callback into Swift, for the XML parser
/// and the HTML reader alike.
///
/// libxml2 hands every SAX callback the parser context's user data, which is
/// the context itself. A reader hangs its callback state on the context's
/// `_private` field (`attach(to:)`), which libxml2 never touches, and every
/// callback finds the state again with `state(from:)`.
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
    /// must outlive every parse run in that context.
    func attach(to context: xmlParserCtxtPtr) {
        context.pointee._private = UnsafeMutableRawPointer(state)
    }

    /// The state of the parse that called back, from the callback's first
    /// argument (the parser context); nil for a context nothing is attached to.
    @inline(__always)
    static func state(from context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<State>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?
            .assumingMemoryBound(to: State.self)
    }
}
