import Foundation
import Stories
import StoryEvaluation
import Testing

/// Story grouping on the labelled sets (Fixtures/README.md): named pairs that
/// must split or join, and pairwise precision and recall floors.
@Suite struct StoryGroupingScoreTests {
    static func load(_ folder: String, _ file: String) throws -> LabelledStorySet {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try LabelledStorySet.load(fixtures: fixtures, folder: folder, file: file)
    }

    /// The development set's stories, placed once for all the pair tests.
    static let developmentStories: [String: String]? = try? load("set1", "dev").group()

    /// Same person, group or place, another incident: different stories.
    @Test(arguments: [
        // The minister survives a roadside bomb in Paktia; two days later one kills him in Kabul.
        ("r027", "r085"), ("r036", "r087"),
        // The same group's checkpoint attack in Kabul, hours before the ministry bombing.
        ("r078", "r085"), ("r081", "r082"),
        // Another ISKP-suspected attack: the Kunduz mosque three days earlier.
        ("r003", "r085"),
        // The funeral and the arrests the next day, against the bombing and each other.
        ("r113", "r087"), ("r116", "r085"), ("r112", "r115"),
    ])
    func sameEntityDifferentIncidentSplits(first: String, second: String) throws {
        let storyOf = try #require(Self.developmentStories)
        #expect(storyOf[first] != nil && storyOf[first] != storyOf[second])
    }

    /// One incident in other words, from other outlets: one story.
    @Test(arguments: [
        // "Blast hits Shi'ite mosque" and "Bombing at Afghan mosque kills at least 17".
        ("r002", "r003"), ("r003", "r014"),
        // "Convoy hit by roadside bomb" and "minister survives roadside bomb", "Haqqani unhurt".
        ("r026", "r027"), ("r026", "r036"),
        // "Explosion at refugees ministry" and "Suicide bomber kills minister Khalil Haqqani".
        ("r082", "r085"), ("r085", "r096"),
    ])
    func sameIncidentDifferentWordingJoins(first: String, second: String) throws {
        let storyOf = try #require(Self.developmentStories)
        #expect(storyOf[first] != nil && storyOf[first] == storyOf[second])
    }

    /// The development set, which the defaults were chosen on.
    @Test func developmentSetKeepsItsPrecisionAndRecall() throws {
        let score = try Self.load("set1", "dev").score()
        #expect(score.precision >= 0.99, "merged: \(score.merged)")
        #expect(score.recall >= 0.93, "split: \(score.split)")
    }

    /// The held-out sets: floors a little under what was measured when the
    /// defaults were frozen (stories-benchmark prints the figures), so that a
    /// change that loses ground on unseen data fails here. They are below the
    /// targets (precision 0.95, recall 0.90) where the grouping is.
    @Test(arguments: [
        ("set1", "heldout", 0.99, 0.96), ("set2", "heldout2", 0.88, 0.80),
        ("set3", "final", 0.94, 0.76), ("set4", "unseen", 0.98, 0.70),
        ("set5", "unseen5", 0.94, 0.47), ("set6", "unseen6", 0.98, 0.59),
    ])
    func heldOutSetsKeepTheirFloors(folder: String, file: String, precision: Double, recall: Double)
        throws
    {
        let score = try Self.load(folder, file).score()
        #expect(score.precision >= precision)
        #expect(score.recall >= recall)
    }

    @Test func placingTheSameReportsAgainGivesTheSameStories() throws {
        let set = try Self.load("set1", "heldout")
        #expect(set.group() == set.group())
    }
}
