import Foundation
import Store
import Stories

/// Story placement in a state that monitors share (`StoryPlacementLock`):
/// the reports of a feed's turn are placed, and the stories they change
/// committed, while this monitor alone places stories, against the stories
/// as they stand when it starts, so that a story another monitor just started
/// or joined is joined here too, never started twice. A state one process
/// holds needs none of it: the stories loaded at the start of a pass are
/// the only ones.
extension PipelinePass {
    /// Before a feed's firings are placed: waits for the lock and reads the
    /// recent stories afresh. An error fails the feed's turn (its items stay
    /// unseen for the next pass) rather than placing against stale stories.
    func holdStoryPlacement(now: Date) throws {
        guard let lock = store as? any StoryPlacementLock else { return }
        try lock.lockStoryPlacement()
        stories = try StoryIndex.load(from: store, now: now)
    }

    /// After the feed's commit, or once its turn failed: the next monitor may place.
    func releaseStoryPlacement() {
        guard let lock = store as? any StoryPlacementLock else { return }
        do {
            try lock.unlockStoryPlacement()
        } catch {
            logger.error("\(error)")
        }
    }
}
